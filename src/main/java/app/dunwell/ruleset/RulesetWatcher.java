package app.dunwell.ruleset;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

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
    private volatile String lastTried;

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
            lastTried = null;
            return;
        }
        String attempt = version + " " + scenariosFingerprint(rulesets.testsDir());
        boolean refusedAlready = attempt.equals(lastTried)
                || (lastTried == null && rulesets.lastRejection().map(r -> r.version().equals(version)).orElse(false));
        if (!refusedAlready) {
            LOG.infof("Rule files changed (%s): compiling", version);
            lastTried = attempt;
            rulesets.load(files);
        }
    }

    /** A hash of the scenario files' names and contents. */
    static String scenariosFingerprint(Path tests) {
        if (!Files.isDirectory(tests)) {
            return "none";
        }
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Path file : Scenarios.filesIn(tests)) {
                digest.update(file.getFileName().toString().getBytes());
                digest.update(Files.readAllBytes(file));
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException | NoSuchAlgorithmException | RuntimeException e) {
            return "unreadable";
        }
    }
}
