package app.dunwell.ruleset;

import app.dunwell.metrics.RulesetMetrics;
import com.fasterxml.jackson.annotation.JsonIgnore;
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
 * The ruleset that serves decisions. It is compiled at start-up and on every change; a ruleset that does not compile
 * or validate, or whose scenarios ({@code <rules-dir>/tests}) do not all pass, is refused with its errors and the
 * failing scenarios, and the last good one (if any) keeps serving.
 */
@Startup
@ApplicationScoped
public class ActiveRuleset {
    private static final Logger LOG = Logger.getLogger(ActiveRuleset.class);

    private final PolicyConfig config;
    private final RulesetMetrics metrics;
    private final AtomicReference<CompiledRuleset> active = new AtomicReference<>();
    private final AtomicReference<Rejection> lastRejection = new AtomicReference<>();

    /**
     * A ruleset that was refused, when, and why: its errors, or the scenarios it failed (each with what differed).
     * {@code scenarios} is the fingerprint of the scenario files it was gated by ({@link Scenarios#fingerprint}).
     */
    public record Rejection(Instant at, String version, List<RuleFileError> errors, List<Scenarios.Result> failedScenarios,
                            @JsonIgnore String scenarios) {
        /** One line: the errors, or which scenarios failed. */
        public String summary() {
            List<String> parts = new java.util.ArrayList<>(errors.stream().map(RuleFileError::toString).toList());
            failedScenarios.forEach(s -> parts.add("scenario " + s.name() + " fails"));
            return String.join("; ", parts);
        }
    }

    public ActiveRuleset(PolicyConfig config, RulesetMetrics metrics) {
        this.config = config;
        this.metrics = metrics;
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

    /** Where the scenarios that gate a ruleset are: {@code dunwell.policy.tests-dir}, or {@code <rules-dir>/tests}. */
    public Path testsDir() {
        return config.testsDir().map(Path::of).orElse(Path.of(config.rulesDir()).resolve("tests"));
    }

    /** The analysts' scenarios ({@link #testsDir()}), if any; a file that is not a scenario throws, naming it. */
    public List<Scenarios.Scenario> configuredScenarios() {
        Path tests = testsDir();
        return Files.isDirectory(tests) ? Scenarios.filesIn(tests).stream().map(Scenarios::read).toList() : List.of();
    }

    /**
     * Compiles the files, runs every scenario against them, and serves them if they compile and every scenario passes;
     * otherwise keeps what serves and records why. Requests already deciding keep the ruleset they started with.
     */
    public synchronized Optional<CompiledRuleset> load(RuleFiles files) {
        List<Scenarios.Scenario> scenarios;
        try {
            scenarios = configuredScenarios();
        } catch (RuntimeException e) {
            metrics.refused(RulesetMetrics.Load.SCENARIOS_UNREADABLE);
            return refuse(files, List.of(new RuleFileError("rules/tests/", 0, e.getMessage())), List.of());
        }
        CompiledRuleset ruleset;
        try {
            ruleset = RulesetCompiler.compile(files, Instant.now());
        } catch (RulesetRejectedException e) {
            metrics.refused(RulesetMetrics.Load.INVALID);
            return refuse(files, e.errors(), List.of());
        }
        List<Scenarios.Result> failed = WarmUp.run(ruleset, scenarios);
        if (!failed.isEmpty()) {
            metrics.refused(RulesetMetrics.Load.SCENARIOS_FAILED);
            return refuse(files, List.of(), failed);
        }
        CompiledRuleset previous = active.getAndSet(ruleset);
        metrics.served(ruleset.version());
        LOG.infof("Serving ruleset %s (%d files, %d scenarios passed)%s", ruleset.version(), files.contents().size(), scenarios.size(),
                previous == null ? "" : " instead of " + previous.version());
        served.forEach(listener -> listener.accept(ruleset));
        return Optional.of(ruleset);
    }

    private Optional<CompiledRuleset> refuse(RuleFiles files, List<RuleFileError> errors, List<Scenarios.Result> failed) {
        lastRejection.set(new Rejection(Instant.now(), files.version(), errors, failed, Scenarios.fingerprint(testsDir())));
        errors.forEach(error -> LOG.errorf("Ruleset %s refused: %s", files.version(), error));
        failed.forEach(result -> LOG.errorf("Ruleset %s refused: scenario %s fails: %s", files.version(), result.name(),
                String.join("; ", result.differences())));
        LOG.warnf(active.get() == null ? "No valid ruleset: decisions answer 503"
                : "Still serving ruleset %s", active.get() == null ? null : active.get().version());
        return Optional.empty();
    }

    private final List<java.util.function.Consumer<CompiledRuleset>> served = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Called with each ruleset that starts serving (the history keeps it). */
    public void onServe(java.util.function.Consumer<CompiledRuleset> listener) {
        served.add(listener);
        current().ifPresent(listener);
    }

    public Optional<CompiledRuleset> current() {
        return Optional.ofNullable(active.get());
    }

    public Optional<Rejection> lastRejection() {
        return Optional.ofNullable(lastRejection.get());
    }
}
