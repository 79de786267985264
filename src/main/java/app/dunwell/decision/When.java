package app.dunwell.decision;

import java.time.Instant;
import java.time.LocalDate;

/** The moments and days Dunwell takes anywhere: years 1900 to 9999, so that every date sum the policy does stays exact. */
public final class When {
    public static final LocalDate FIRST_DAY = LocalDate.of(1900, 1, 1);
    public static final LocalDate LAST_DAY = LocalDate.of(9999, 12, 31);
    private static final Instant FIRST_INSTANT = Instant.parse("1900-01-01T00:00:00Z");
    private static final Instant LAST_INSTANT = Instant.parse("9999-12-31T23:59:59Z");
    static final String RANGE = "must be between 1900-01-01 and 9999-12-31";

    private When() {
    }

    public static boolean sane(Instant at) {
        return at == null || !(at.isBefore(FIRST_INSTANT) || at.isAfter(LAST_INSTANT));
    }

    public static boolean sane(LocalDate day) {
        return day == null || !(day.isBefore(FIRST_DAY) || day.isAfter(LAST_DAY));
    }

    public static void check(Instant at, String field) {
        if (!sane(at)) {
            throw new InvalidRequestException(field, RANGE);
        }
    }

    public static void check(LocalDate day, String field) {
        if (!sane(day)) {
            throw new InvalidRequestException(field, RANGE);
        }
    }
}
