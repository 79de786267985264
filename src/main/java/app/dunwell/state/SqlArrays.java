package app.dunwell.state;

import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Function;

/**
 * One column of many rows as a PostgreSQL array, for the statements that write a batch in one execution
 * ({@code insert … select … from unnest(cast(? as uuid[]), cast(? as text[]), …)}): one plan and one round trip for the
 * whole batch instead of one per row.
 */
public final class SqlArrays {
    private SqlArrays() {
    }

    /** The values {@code column} takes from each row, in order, as an array of {@code type} ({@code uuid}, {@code text}…). */
    public static <T> Array column(Connection connection, String type, List<T> rows, Function<T, ?> column) throws SQLException {
        Object[] values = new Object[rows.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = column.apply(rows.get(i));
        }
        return connection.createArrayOf(type, values);
    }
}
