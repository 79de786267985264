package app.dunwell.ruleset;

import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

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

    static List<Scenarios.Result> run(CompiledRuleset ruleset, List<Scenarios.Scenario> scenarios) {
        Instant start = Instant.now();
        List<Scenarios.Scenario> requests = new ArrayList<>(scenarios);
        if (requests.isEmpty()) {
            for (int i = 0; i < BUILT_IN.size(); i++) {
                requests.add(Scenarios.parse("built-in-" + (i + 1), "{\"request\":" + BUILT_IN.get(i) + ",\"expect\":{}}"));
            }
        }
        List<Scenarios.Result> failing = requests.stream().map(s -> Scenarios.run(s, ruleset)).filter(r -> !r.passed()).toList();
        LOG.infof("Ruleset %s decided %d %s in %d ms%s", ruleset.version(), requests.size(), scenarios.isEmpty() ? "warm-up requests" : "scenarios",
                Duration.between(start, Instant.now()).toMillis(), failing.isEmpty() ? "" : " (" + failing.size() + " fail)");
        return failing;
    }
}
