package app.dunwell.ruleset;

import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Decides the analysts' scenarios with a ruleset before it may serve, and returns those that fail: they gate it. The
 * first decisions of a fresh ruleset also pay for class loading and lazy set-up in Drools and kie-dmn (seconds), so this
 * puts that cost at start-up and reload, not on the first family's request; without scenarios, three built-in requests
 * warm it up.
 */
final class WarmUp {
    private static final Logger LOG = Logger.getLogger(WarmUp.class);

    /** Three situations that touch most of the policy: a pre-due reminder, an overdue notice with a fee, a hardship reply. */
    private static final List<String> BUILT_IN = List.of("""
            {"asOf":"2026-03-09T15:00:00Z","center":{"timezone":"America/New_York"},
             "family":{"id":"f","contact":{"firstName":"A","email":"a@example.org","preferredChannel":"EMAIL"}},
             "invoice":{"id":"I1","issuedOn":"2026-03-01","dueOn":"2026-03-16","total":"100.00","balance":"100.00"}}""", """
            {"asOf":"2026-03-09T15:00:00Z","center":{"timezone":"America/New_York"},
             "family":{"id":"f","contact":{"firstName":"A","phone":"+15555550100","preferredChannel":"SMS"}},
             "invoice":{"id":"I2","issuedOn":"2026-02-01","dueOn":"2026-03-02","total":"850.00","balance":"850.00"}}""", """
            {"asOf":"2026-03-09T15:00:00Z","center":{"timezone":"America/New_York"},
             "family":{"id":"f","contact":{"firstName":"A","email":"a@example.org"},"flags":["HARDSHIP"]},
             "invoice":{"id":"I3","issuedOn":"2026-01-01","dueOn":"2026-02-01","total":"850.00","balance":"850.00","status":"SECOND"},
             "history":{"replies":[{"at":"2026-03-08T14:00:00Z","sentiment":"HARDSHIP"}]}}""");

    private WarmUp() {
    }

    /** The scenarios decided on as many threads as there are cores (a ruleset decides on many threads at once), in order. */
    private static List<Scenarios.Result> decideOnEveryCore(CompiledRuleset ruleset, List<Scenarios.Scenario> scenarios) {
        int threads = Math.min(Runtime.getRuntime().availableProcessors(), Math.max(1, scenarios.size()));
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        ExecutorService pool = Executors.newFixedThreadPool(threads, work -> {
            Thread thread = new Thread(work, "ruleset-scenarios");
            thread.setDaemon(true);
            thread.setContextClassLoader(loader);
            return thread;
        });
        try {
            List<Future<Scenarios.Result>> results = new ArrayList<>();
            for (Scenarios.Scenario scenario : scenarios) {
                results.add(pool.submit(() -> Scenarios.run(scenario, ruleset)));
            }
            List<Scenarios.Result> done = new ArrayList<>();
            for (Future<Scenarios.Result> result : results) {
                done.add(result.get());
            }
            return done;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while deciding the scenarios", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a scenario could not be decided: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    static List<Scenarios.Result> run(CompiledRuleset ruleset, List<Scenarios.Scenario> scenarios) {
        Instant start = Instant.now();
        List<Scenarios.Scenario> requests = new ArrayList<>(scenarios);
        if (requests.isEmpty()) {
            for (int i = 0; i < BUILT_IN.size(); i++) {
                requests.add(Scenarios.parse("built-in-" + (i + 1), "{\"request\":" + BUILT_IN.get(i) + ",\"expect\":{}}"));
            }
        }
        List<Scenarios.Result> failing = decideOnEveryCore(ruleset, requests).stream().filter(r -> !r.passed()).toList();
        LOG.infof("Ruleset %s decided %d %s in %d ms%s", ruleset.version(), requests.size(), scenarios.isEmpty() ? "warm-up requests" : "scenarios",
                Duration.between(start, Instant.now()).toMillis(), failing.isEmpty() ? "" : " (" + failing.size() + " fail)");
        return failing;
    }
}
