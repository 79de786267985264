package app.dunwell.ruleset;

import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The ruleset that serves decisions. It is compiled at start-up; a ruleset that does not compile or
 * validate is refused with its errors, and the last good one (if any) keeps serving.
 */
@Startup
@ApplicationScoped
public class ActiveRuleset {
    private static final Logger LOG = Logger.getLogger(ActiveRuleset.class);

    private final PolicyConfig config;
    private final AtomicReference<CompiledRuleset> active = new AtomicReference<>();
    private final AtomicReference<Rejection> lastRejection = new AtomicReference<>();

    /** A ruleset that was refused, when, and why. */
    public record Rejection(Instant at, String version, List<RuleFileError> errors) {
    }

    public ActiveRuleset(PolicyConfig config) {
        this.config = config;
    }

    @PostConstruct
    void loadAtStartUp() {
        LOG.infof(readsDirectories() ? "Reading the policy from " + Path.of(config.rulesDir()).toAbsolutePath() + " and "
                + Path.of(config.dmnDir()).toAbsolutePath() : "No rule directories here: using the policy packaged in the application");
        load(readConfiguredFiles());
    }

    /** Whether the policy comes from directories (which may change) rather than the packaged copy. */
    public boolean readsDirectories() {
        return Files.isDirectory(Path.of(config.rulesDir())) || Files.isDirectory(Path.of(config.dmnDir()));
    }

    /** The files of the configured directories, or the packaged copy when neither directory exists. */
    public RuleFiles readConfiguredFiles() {
        if (readsDirectories()) {
            return RuleFiles.fromDirectories(Path.of(config.rulesDir()), Path.of(config.dmnDir()));
        }
        return RuleFiles.packaged();
    }

    /** The analysts' scenarios beside the rules ({@code <rules-dir>/tests}), if any. */
    public List<Scenarios.Scenario> configuredScenarios() {
        Path tests = Path.of(config.rulesDir()).resolve("tests");
        return Files.isDirectory(tests) ? Scenarios.filesIn(tests).stream().map(Scenarios::read).toList() : List.of();
    }

    private List<Scenarios.Scenario> scenariosOrNone() {
        try {
            return configuredScenarios();
        } catch (RuntimeException e) {
            LOG.warnf("Scenarios beside the rules cannot be read (%s); warming up with the built-in requests", e.getMessage());
            return List.of();
        }
    }

    /**
     * Compiles the files and serves them if they are valid; otherwise keeps what serves and records why.
     * Requests already deciding keep the ruleset they started with.
     */
    public synchronized Optional<CompiledRuleset> load(RuleFiles files) {
        try {
            CompiledRuleset ruleset = RulesetCompiler.compile(files, Instant.now());
            WarmUp.run(ruleset, scenariosOrNone());
            CompiledRuleset previous = active.getAndSet(ruleset);
            LOG.infof("Serving ruleset %s (%d files)%s", ruleset.version(), files.contents().size(),
                    previous == null ? "" : " instead of " + previous.version());
            return Optional.of(ruleset);
        } catch (RulesetRejectedException e) {
            lastRejection.set(new Rejection(Instant.now(), files.version(), e.errors()));
            e.errors().forEach(error -> LOG.errorf("Ruleset %s rejected: %s", files.version(), error));
            LOG.warnf(active.get() == null ? "No valid ruleset: decisions answer 503"
                    : "Still serving ruleset %s", active.get() == null ? null : active.get().version());
            return Optional.empty();
        }
    }

    public Optional<CompiledRuleset> current() {
        return Optional.ofNullable(active.get());
    }

    public Optional<Rejection> lastRejection() {
        return Optional.ofNullable(lastRejection.get());
    }
}
