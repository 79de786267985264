package app.dunwell.reports;

import java.time.LocalDate;

/** Reads a {@code date} column as a native query returns it (the driver's type varies). */
final class Days {
    private Days() {
    }

    static LocalDate of(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof LocalDate d) {
            return d;
        }
        if (value instanceof java.sql.Date d) {
            return d.toLocalDate();
        }
        throw new IllegalStateException("not a date: " + value.getClass());
    }
}
