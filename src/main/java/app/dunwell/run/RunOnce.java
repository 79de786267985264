package app.dunwell.run;

import app.dunwell.dispatch.Dispatcher;
import io.quarkus.runtime.QuarkusApplication;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Instant;

/**
 * {@code java -jar quarkus-run.jar run-once}: the day's runs of every center whose daily time has
 * passed, then one delivery round, then exit (for a Kubernetes CronJob).
 */
public class RunOnce implements QuarkusApplication {
    private static final Logger LOG = Logger.getLogger(RunOnce.class);

    @Inject
    DailyRuns daily;
    @Inject
    Dispatcher dispatcher;

    @Override
    public int run(String... args) {
        Instant now = Instant.now();
        int runs = daily.runDue(now).size();
        int sent = dispatcher.dispatchDue(now);
        LOG.infof("run-once: %d runs worked, %d deliveries attempted", runs, sent);
        return 0;
    }
}
