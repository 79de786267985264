package app.dunwell.run;

import app.dunwell.lifecycle.Stopping;
import app.dunwell.state.Center;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The daily evaluation run of every center, once its local time passes {@code dunwell.runs.daily-at}.
 * The run key is the center's local date, so instances that look at the same minute (or a CronJob
 * that fires twice) join one run instead of deciding twice.
 */
@ApplicationScoped
public class DailyRuns {
    private final EvaluationRuns runs;
    private final Stopping stopping;
    private final LocalTime dailyAt;
    private final boolean scheduled;

    public DailyRuns(EvaluationRuns runs, Stopping stopping,
                     @ConfigProperty(name = "dunwell.runs.daily-at", defaultValue = "07:00") LocalTime dailyAt,
                     @ConfigProperty(name = "dunwell.runs.scheduled", defaultValue = "true") boolean scheduled) {
        this.runs = runs;
        this.stopping = stopping;
        this.dailyAt = dailyAt;
        this.scheduled = scheduled;
    }

    @Scheduled(every = "${dunwell.runs.check-every:60s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onSchedule() {
        if (scheduled) {
            runDue(Instant.now());
        }
    }

    /**
     * Opens and works today's run of every center whose daily time has passed at {@code now}; returns the runs worked. Once
     * the instance is stopping, no further center's run is opened (the next instance, or the CronJob's next pod, opens them).
     */
    public List<UUID> runDue(Instant now) {
        List<UUID> worked = new ArrayList<>();
        if (stopping.now()) {
            return worked;
        }
        List<Center> centers = QuarkusTransaction.requiringNew().call(() -> Center.<Center>listAll());
        for (Center center : centers) {
            if (stopping.now()) {
                break;
            }
            runDueFor(center, now).ifPresent(worked::add);
        }
        return worked;
    }

    /** Today's run of one center, if its daily time has passed at {@code now}. */
    public java.util.Optional<UUID> runDueFor(Center center, Instant now) {
        ZonedDateTime local = now.atZone(ZoneId.of(center.timezone));
        if (local.toLocalTime().isBefore(dailyAt)) {
            return java.util.Optional.empty();
        }
        UUID id = runs.open(center.id, now, false, center.id + ":daily:" + local.toLocalDate());
        runs.workInParallel(id);
        return java.util.Optional.of(id);
    }
}
