package app.dunwell.policy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;

/** Date arithmetic the rules call; the rules decide what to do with it. */
public final class Dates {
    private Dates() {
    }

    public static LocalDate localDate(Instant instant, ZoneId zone) {
        return instant.atZone(zone).toLocalDate();
    }

    public static LocalTime localTime(Instant instant, ZoneId zone) {
        return instant.atZone(zone).toLocalTime();
    }

    public static Settings.Weekday weekday(Instant instant, ZoneId zone) {
        return Settings.Weekday.of(localDate(instant, zone).getDayOfWeek());
    }

    /** The instant of a local wall-clock time; a time skipped by a DST change moves forward by the gap. */
    public static Instant atLocal(LocalDate date, LocalTime time, ZoneId zone) {
        return ZonedDateTime.of(date, time, zone).toInstant();
    }

    public static Instant plusHours(Instant instant, int hours) {
        return instant.plus(hours, ChronoUnit.HOURS);
    }

    public static long daysBetween(LocalDate from, LocalDate to) {
        return ChronoUnit.DAYS.between(from, to);
    }
}
