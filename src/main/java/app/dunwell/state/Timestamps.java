package app.dunwell.state;

import java.time.Instant;
import java.time.OffsetDateTime;

/** Reads a {@code timestamptz} value as a native query returns it (the driver's type varies). */
public final class Timestamps {
    private Timestamps() {
    }

    public static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        throw new IllegalStateException("not a timestamp: " + value.getClass());
    }

    /** A {@code date} column as a native query returns it (the driver's type varies). */
    public static java.time.LocalDate date(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof java.time.LocalDate d) {
            return d;
        }
        if (value instanceof java.sql.Date d) {
            return d.toLocalDate();
        }
        throw new IllegalStateException("not a date: " + value.getClass());
    }
}
