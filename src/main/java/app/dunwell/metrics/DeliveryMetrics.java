package app.dunwell.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * Attempts to deliver the outbox's reminders to families ({@code dunwell_outbox_deliveries_total{result}}) and events to
 * centers' receivers ({@code dunwell_event_deliveries_total{result}}), counted once the attempt's transaction commits.
 * The failures are {@code result="retried"} (the attempt failed, another follows) and {@code result="failed"} (given up).
 * What waits to be delivered is in {@link WaitingWork}.
 */
@Startup
@ApplicationScoped
public class DeliveryMetrics {
    /** What became of one reminder taken from the outbox. */
    public enum Reminder {
        /** Delivered to the family. */
        SENT,
        /** The policy no longer owes it at send time: not sent. */
        WITHDRAWN,
        /** Not delivered this time; tried again later. */
        RETRIED,
        /** Not delivered and not tried again: a NO_CHANNEL task for a person. */
        FAILED
    }

    /** What became of one attempt to deliver an event. */
    public enum EventAttempt {
        DELIVERED, RETRIED, FAILED
    }

    private final Map<Reminder, Counter> reminders = new EnumMap<>(Reminder.class);
    private final Map<EventAttempt, Counter> events = new EnumMap<>(EventAttempt.class);

    public DeliveryMetrics(MeterRegistry registry) {
        for (Reminder r : Reminder.values()) {
            reminders.put(r, Counter.builder("dunwell.outbox.deliveries")
                    .description("Reminders taken from the outbox, by what became of them").tag("result", label(r)).register(registry));
        }
        for (EventAttempt e : EventAttempt.values()) {
            events.put(e, Counter.builder("dunwell.event.deliveries")
                    .description("Attempts to deliver an event to a center's eventsUrl, by result").tag("result", label(e)).register(registry));
        }
    }

    private static String label(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    public void reminder(Reminder result) {
        reminders.get(result).increment();
    }

    public void event(EventAttempt result) {
        events.get(result).increment();
    }
}
