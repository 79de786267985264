package app.dunwell.ruleset;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Hot reload: looks at the rule directories every {@code dunwell.policy.reload-interval} and, when their content
 * changed (an edit, or a Kubernetes ConfigMap swapping its symlinks), compiles the new files off the request path,
 * gates them with the scenarios and swaps them in. A refused change is not tried again until its files or its
 * scenarios change (a fixed scenario lets the same rules through).
 */
@ApplicationScoped
public class RulesetWatcher {
    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(RulesetWatcher.class);
    private final ActiveRuleset rulesets;

    public RulesetWatcher(ActiveRuleset rulesets) {
        this.rulesets = rulesets;
    }

    @Scheduled(every = "${dunwell.policy.reload-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void checkForChanges() {
        if (!rulesets.readsDirectories()) {
            return;
        }
        RuleFiles files = rulesets.readConfiguredFiles();
        String version = files.version();
        if (rulesets.current().map(r -> r.version().equals(version)).orElse(false)) {
            return;
        }
        String scenarios = Scenarios.fingerprint(rulesets.testsDir());
        // The same files with the same scenarios were refused (by this watcher or at start-up): not again until one changes.
        // A version refused once and served later (its scenarios changed) is tried again when the files come back to it.
        boolean refusedAlready = rulesets.lastRejection().map(r -> r.version().equals(version) && scenarios.equals(r.scenarios()))
                .orElse(false);
        if (!refusedAlready) {
            LOG.infof("Rule files changed (%s): compiling", version);
            rulesets.load(files);
        }
    }
}
