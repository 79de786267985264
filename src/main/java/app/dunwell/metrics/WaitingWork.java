package app.dunwell.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToDoubleFunction;

/**
 * The work waiting in the database, over every instance: reminders due in the outbox and events not yet delivered (how
 * many, and how long the oldest has waited), evaluation runs not finished and their invoices still pending. Counted by
 * one query every {@code dunwell.metrics.waiting-refresh} (15 s), each part read by a partial index of the waiting rows
 * ({@code V13__waiting_work_indexes.sql}); a scrape only reads the last count. Every instance reports the same values:
 * aggregate them with {@code max}, not {@code sum}.
 */
@Startup
@ApplicationScoped
public class WaitingWork {
    private static final Logger LOG = Logger.getLogger(WaitingWork.class);

    /** One count of the waiting work; ages in seconds, 0 when nothing waits. */
    public record Counted(Instant at, long outboxWaiting, double outboxOldestSeconds, long eventsWaiting, double eventsOldestSeconds,
                          long runsInProgress, long runInvoicesPending) {
        static final Counted NONE = new Counted(null, 0, 0, 0, 0, 0, 0);
    }

    private static final String COUNT = """
            select (select count(*) from outbox where state = 'PENDING' and not_before <= now()),
                   (select coalesce(extract(epoch from now() - min(not_before)), 0) from outbox where state = 'PENDING' and not_before <= now()),
                   (select count(*) from event where delivery_state = 'PENDING'),
                   (select coalesce(extract(epoch from now() - min(created_at)), 0) from event where delivery_state = 'PENDING'),
                   (select count(*) from run where finished_at is null),
                   (select count(*) from run_item where state = 'PENDING')""";

    private final EntityManager em;
    private final AtomicReference<Counted> last = new AtomicReference<>(Counted.NONE);
    private volatile boolean failing;

    public WaitingWork(EntityManager em, MeterRegistry registry) {
        this.em = em;
        gauge(registry, "dunwell.outbox.waiting", null, "Reminders due in the outbox and not yet delivered", Counted::outboxWaiting);
        gauge(registry, "dunwell.outbox.oldest.waiting", "seconds", "How long the oldest reminder due in the outbox has waited",
                Counted::outboxOldestSeconds);
        gauge(registry, "dunwell.events.waiting", null, "Events not yet delivered to their center's eventsUrl", Counted::eventsWaiting);
        gauge(registry, "dunwell.events.oldest.waiting", "seconds", "How long the oldest undelivered event has waited",
                Counted::eventsOldestSeconds);
        gauge(registry, "dunwell.runs.in.progress", null, "Evaluation runs opened and not finished", Counted::runsInProgress);
        gauge(registry, "dunwell.run.invoices.pending", null, "Invoices of unfinished runs not decided yet", Counted::runInvoicesPending);
    }

    private void gauge(MeterRegistry registry, String name, String unit, String description, ToDoubleFunction<Counted> value) {
        Gauge.builder(name, last, l -> value.applyAsDouble(l.get())).baseUnit(unit).description(description)
                .strongReference(true).register(registry);
    }

    @Scheduled(every = "${dunwell.metrics.waiting-refresh:15s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onSchedule() {
        try {
            refresh();
            if (failing) {
                LOG.info("The waiting work is counted again");
                failing = false;
            }
        } catch (RuntimeException e) {
            // The gauges keep the last count; said once, not every 15 s.
            if (!failing) {
                LOG.warnf("The waiting work cannot be counted (%s); the gauges keep the last count", e.getClass().getSimpleName());
                failing = true;
            }
        }
    }

    /** Counts the waiting work now; the gauges serve this count until the next one. */
    public Counted refresh() {
        Object[] row = QuarkusTransaction.requiringNew().call(() -> (Object[]) em.createNativeQuery(COUNT).getSingleResult());
        Counted counted = new Counted(Instant.now(), number(row[0]).longValue(), number(row[1]).doubleValue(),
                number(row[2]).longValue(), number(row[3]).doubleValue(), number(row[4]).longValue(), number(row[5]).longValue());
        last.set(counted);
        return counted;
    }

    private static Number number(Object value) {
        return value == null ? 0 : (Number) value;
    }
}
