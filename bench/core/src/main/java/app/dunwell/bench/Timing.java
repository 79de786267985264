package app.dunwell.bench;

import app.dunwell.decision.DecisionRequest;
import app.dunwell.policy.Settings;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Rule 11: a reminder's notBefore, from asOf forward only. */
final class Timing {
    private Timing() {
    }

    static Instant notBefore(PolicyFacts f, Settings s) {
        Instant t = f.asOf;
        Settings.ContactCap cap = s.contactCap();
        List<Instant> times = new ArrayList<>(f.familyContacts.size());
        for (DecisionRequest.PastContact c : f.familyContacts) {
            times.add(c.at());
        }
        times.sort(Collections.reverseOrder());
        // 48 h (minHoursBetween) after the newest family contact
        if (!times.isEmpty()) {
            t = later(t, times.get(0).plus(Duration.ofHours(cap.minHoursBetween())));
        }
        // the first moment with fewer than maxContacts contacts in the preceding windowDays (of 24 hours):
        // when the maxContacts-th newest contact is exactly windowDays old
        if (times.size() >= cap.maxContacts()) {
            t = later(t, times.get(cap.maxContacts() - 1).plus(Duration.ofDays(cap.windowDays())));
        }
        return sendWindow(t, f.zone, s.sendWindow(), f.holidays);
    }

    /** The instant itself when it is inside the send window, else the window's next opening. */
    static Instant sendWindow(Instant t, ZoneId zone, Settings.SendWindow window, List<LocalDate> holidays) {
        ZonedDateTime local = t.atZone(zone);
        LocalDate day = local.toLocalDate();
        LocalTime time = local.toLocalTime();
        if (open(day, window, holidays)) {
            if (!time.isBefore(window.start()) && time.isBefore(window.end())) {
                return t;
            }
            if (time.isBefore(window.start())) {
                return opening(day, window.start(), zone);
            }
        }
        do {
            day = day.plusDays(1);
        } while (!open(day, window, holidays));
        return opening(day, window.start(), zone);
    }

    private static boolean open(LocalDate day, Settings.SendWindow window, List<LocalDate> holidays) {
        return window.days().contains(Settings.Weekday.of(day.getDayOfWeek())) && !holidays.contains(day);
    }

    /**
     * When the window opens on that day: the first instant whose local time is at or after the start, so a start time
     * that the spring DST change skips opens the window at the moment the clocks jump (02:30 -> 03:00).
     */
    private static Instant opening(LocalDate day, LocalTime start, ZoneId zone) {
        ZonedDateTime at = ZonedDateTime.of(day, start, zone);
        if (!at.toLocalTime().equals(start)) {
            // start falls in a gap: the window opens when the clocks jump forward
            var transition = zone.getRules().getTransition(day.atTime(start));
            if (transition != null) {
                return transition.getInstant();
            }
        }
        return at.toInstant();
    }

    static LocalDate localDate(Instant t, ZoneId zone) {
        return t.atZone(zone).toLocalDate();
    }

    private static Instant later(Instant a, Instant b) {
        return b.isAfter(a) ? b : a;
    }
}
