package app.dunwell.ruleset;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Hot reload: looks at the rule directories every {@code dunwell.policy.reload-interval} and, when
 * their content changed (an edit, or a Kubernetes ConfigMap swapping its symlinks), compiles the new
 * files off the request path and swaps them in. A broken change is refused and the old ruleset keeps
 * serving; the same broken content is not compiled again.
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
        boolean serving = rulesets.current().map(r -> r.version().equals(version)).orElse(false);
        boolean refused = rulesets.lastRejection().map(r -> r.version().equals(version)).orElse(false);
        if (!serving && !refused) {
            LOG.infof("Rule files changed (%s): compiling", version);
            rulesets.load(files);
        }
    }
}
