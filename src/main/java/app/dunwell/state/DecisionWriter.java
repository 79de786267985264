package app.dunwell.state;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import org.hibernate.Session;
import org.jboss.logging.Logger;

import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Writes the decisions the endpoints answer in batches (group commit): each decision joins the queue, one writer takes
 * what has gathered — one row or hundreds — and inserts it in one transaction with one batched statement, and each caller
 * is told once its row has committed. A caller answers only then, so a decision answered with an id is a decision stored.
 * The queue is bounded: when the database falls behind, callers wait for room (back-pressure) and, after
 * {@link Config#offerTimeout()} (at once on an I/O thread), are told the log is busy instead of memory filling up. On
 * shutdown everything queued is written before the writer stops.
 */
@ApplicationScoped
public class DecisionWriter {
    private static final Logger LOG = Logger.getLogger(DecisionWriter.class);
    /** The statement a decision row is written with (public for bench/floor.sh, which times exactly it). */
    public static final String INSERT = "insert into decision_record (id, invoice_id, center_id, anonymous, as_of, ruleset_version, "
            + "request, answer, created_at) values (?, ?, ?, ?, ?, ?, cast(? as jsonb), cast(? as jsonb), ?)";

    /** How the decision log's writer batches. */
    @ConfigMapping(prefix = "dunwell.decisions.store")
    public interface Config {
        /** Decisions waiting to be written, at most. */
        @WithDefault("20000")
        int queue();

        /** Rows in one insert, at most. */
        @WithDefault("500")
        int batch();

        /** How long a caller waits for room in a full queue before it is told the log is busy. */
        @WithDefault("5s")
        Duration offerTimeout();
    }

    /** One decision row, its JSON written already (on the caller's thread). */
    public record Row(UUID id, String invoiceId, String centerId, boolean anonymous, Instant asOf, String rulesetVersion,
                      String request, String answer, Instant createdAt) {
    }

    private record Pending(Row row, CompletableFuture<UUID> stored) {
    }

    /** The queue is full: the database does not keep up. */
    public static final class Busy extends RuntimeException {
        Busy() {
            super("the decision log is not keeping up");
        }
    }

    private final EntityManager em;
    private final Config config;
    private final BlockingQueue<Pending> queue;
    private volatile boolean stopping;
    private Thread writer;

    public DecisionWriter(EntityManager em, Config config) {
        this.em = em;
        this.config = config;
        this.queue = new ArrayBlockingQueue<>(config.queue());
    }

    void start(@Observes StartupEvent event) {
        writer = new Thread(this::writeUntilStopped, "decision-writer");
        writer.setDaemon(true);
        writer.start();
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        stopping = true;
        if (writer != null) {
            writer.join(TimeUnit.SECONDS.toMillis(20));
        }
        queue.forEach(p -> p.stored().completeExceptionally(new IllegalStateException("stopped before it was written")));
    }

    /**
     * Queues a row; the future completes with its id once the row has committed. When the queue is full, a caller that
     * may wait waits up to {@link Config#offerTimeout()} for room; one that may not (an I/O thread, which must never block)
     * is told at once. Either way it is then told the log is busy.
     */
    public CompletableFuture<UUID> write(Row row, boolean mayWait) {
        Pending pending = new Pending(row, new CompletableFuture<>());
        if (stopping && writer != null && !writer.isAlive()) {
            pending.stored().completeExceptionally(new IllegalStateException("the decision log has stopped"));
            return pending.stored();
        }
        try {
            boolean queued = mayWait ? queue.offer(pending, config.offerTimeout().toMillis(), TimeUnit.MILLISECONDS) : queue.offer(pending);
            if (!queued) {
                throw new Busy();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Busy();
        }
        return pending.stored();
    }

    private void writeUntilStopped() {
        List<Pending> batch = new ArrayList<>(config.batch());
        while (!(stopping && queue.isEmpty())) {
            try {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, config.batch() - 1);
                insert(batch);
                batch.forEach(p -> p.stored().complete(p.row().id()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.warnf("A batch of %d decisions could not be stored: %s", batch.size(), e.getClass().getSimpleName());
                batch.forEach(p -> p.stored().completeExceptionally(e));
            } finally {
                batch.clear();
            }
        }
    }

    private void insert(List<Pending> batch) {
        List<Row> rows = batch.stream().map(Pending::row).toList();
        QuarkusTransaction.requiringNew().run(() -> em.unwrap(Session.class).doWork(connection -> insert(connection, rows)));
    }

    /** Inserts decision rows with one batched statement on the caller's connection (and in its transaction). */
    static void insert(java.sql.Connection connection, List<Row> rows) throws java.sql.SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (Row r : rows) {
                insert.setObject(1, r.id());
                insert.setString(2, r.invoiceId());
                insert.setString(3, r.centerId());
                insert.setBoolean(4, r.anonymous());
                insert.setObject(5, OffsetDateTime.ofInstant(r.asOf(), ZoneOffset.UTC));
                insert.setString(6, r.rulesetVersion());
                insert.setString(7, r.request());
                insert.setString(8, r.answer());
                insert.setObject(9, OffsetDateTime.ofInstant(r.createdAt(), ZoneOffset.UTC));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }
}
