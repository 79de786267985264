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

    /**
     * The first instant at which the local clock shows {@code time} on {@code date} or later: for a time the spring DST
     * change skips (02:30 when clocks jump from 02:00 to 03:00), the moment of the jump; for a time the autumn change
     * repeats, its first occurrence.
     */
    public static Instant atLocal(LocalDate date, LocalTime time, ZoneId zone) {
        java.time.LocalDateTime local = date.atTime(time);
        java.time.zone.ZoneOffsetTransition transition = zone.getRules().getTransition(local);
        if (transition != null && transition.isGap()) {
            return transition.getInstant();
        }
        return ZonedDateTime.ofLocal(local, zone, null).toInstant();
    }

    public static Instant plusHours(Instant instant, int hours) {
        return instant.plus(hours, ChronoUnit.HOURS);
    }

    public static long daysBetween(LocalDate from, LocalDate to) {
        return ChronoUnit.DAYS.between(from, to);
    }
}
