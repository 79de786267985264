package app.dunwell.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * What storing a decision costs at the least: rows of the decision log written into a running service's database
 * exactly as its writer writes them (the same statement, batches of {@code batch} rows, one commit each) and nothing else,
 * as machine CPU per row (PostgreSQL and this client together). The request is {@code bench/decision-request.json}, the
 * answer the service's own answer to it; each row gets its own id and invoice id. Point it only at a throwaway database:
 * it adds rows to {@code decision_record}.
 * Prints {@code store: R rows/s, C µs of machine CPU per row}.
 * <p>Arguments: JDBC URL, user, password, request file, answer file, rows, batch.
 */
public final class StoreFloor {
    /** The decision writer's own statement (a compile-time constant: the bench does not load the writer's class). */
    private static final String INSERT = app.dunwell.state.DecisionWriter.INSERT;

    private StoreFloor() {
    }

    public static void main(String[] args) throws Exception {
        String request = Files.readString(Path.of(args[3]));
        String answer = Files.readString(Path.of(args[4]));
        int rows = Integer.parseInt(args[5]);
        int batch = Integer.parseInt(args[6]);
        try (Connection connection = DriverManager.getConnection(args[0], args[1], args[2])) {
            connection.setAutoCommit(false);
            write(connection, request, answer, rows / 4, batch); // warm-up: the JIT, the statement cache, the table's pages
            long cpu0 = MachineCpu.busyMicros();
            long t0 = System.nanoTime();
            write(connection, request, answer, rows, batch);
            double elapsed = (System.nanoTime() - t0) / 1e9;
            long cpu = MachineCpu.busyMicros() - cpu0;
            System.out.printf("store: %.0f rows/s in batches of %d, %.1f µs of machine CPU per row%n", rows / elapsed, batch,
                    (double) cpu / rows);
        }
    }

    private static void write(Connection connection, String request, String answer, int rows, int batch) throws Exception {
        for (int done = 0; done < rows; done += batch) {
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                for (int i = 0; i < batch; i++) {
                    String invoice = "INV-F" + (done + i);
                    OffsetDateTime now = OffsetDateTime.now();
                    insert.setObject(1, UUID.randomUUID());
                    insert.setString(2, invoice);
                    insert.setString(3, null);
                    insert.setBoolean(4, true);
                    insert.setObject(5, now);
                    insert.setString(6, "bench");
                    insert.setString(7, request.replace("INV-1001", invoice));
                    insert.setString(8, answer.replace("INV-1001", invoice));
                    insert.setObject(9, now);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            connection.commit();
        }
    }
}
