package app.dunwell.ruleset;

import app.dunwell.decision.Decision;
import app.dunwell.decision.DecisionRequest;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A candidate ruleset decided beside the live one on live traffic: every live decision is handed over (never waited
 * for: a full queue drops it and counts it), decided again by the shadow on a thread of its own, and the differences are
 * counted by action type and reason with examples. Nothing the shadow decides is stored or acted on.
 */
@ApplicationScoped
public class ShadowRuleset {
    private static final Logger LOG = Logger.getLogger(ShadowRuleset.class);
    static final int QUEUE = 10_000;

    private final PolicyConfig config;
    private final ActiveRuleset rulesets;
    private final BlockingQueue<Observed> queue = new ArrayBlockingQueue<>(QUEUE);
    private final AtomicLong dropped = new AtomicLong();
    private volatile Loaded shadow;
    private volatile ActiveRuleset.Rejection lastRejection;
    private volatile String lastTried;
    private volatile Thread worker;

    /** A live decision and what it was asked. */
    private record Observed(DecisionRequest request, Decision live) {
    }

    /** The shadow that serves beside the live ruleset, since when, and what it found so far. */
    private record Loaded(CompiledRuleset ruleset, Instant since, ImpactPreview.Tally tally) {
    }

    /** What the shadow found: its report against the live versions, how many were dropped, and a refused shadow if any. */
    public record Status(String shadowVersion, Instant since, ImpactPreview.Report report, long dropped, ActiveRuleset.Rejection lastRejected) {
    }

    public ShadowRuleset(PolicyConfig config, ActiveRuleset rulesets) {
        this.config = config;
        this.rulesets = rulesets;
    }

    /** Whether a shadow is configured at all. */
    public boolean configured() {
        return config.shadowRulesDir().isPresent();
    }

    /** Hands a live decision to the shadow, if there is one; never blocks the caller. */
    public void observe(DecisionRequest request, Decision live) {
        if (shadow != null && !queue.offer(new Observed(request, live))) {
            dropped.incrementAndGet();
        }
    }

    public Optional<Status> status() {
        Loaded current = shadow;
        if (current == null && lastRejection == null) {
            return Optional.empty();
        }
        if (current == null) {
            return Optional.of(new Status(null, null, null, dropped.get(), lastRejection));
        }
        ImpactPreview.Report report;
        synchronized (current.tally()) {
            report = current.tally().report(rulesets.current().map(CompiledRuleset::version).orElse(null), current.ruleset().version());
        }
        return Optional.of(new Status(current.ruleset().version(), current.since(), report, dropped.get(), lastRejection));
    }

    @Scheduled(every = "${dunwell.policy.reload-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void checkForChanges() {
        if (!configured()) {
            return;
        }
        Path rules = Path.of(config.shadowRulesDir().get());
        Path dmn = Path.of(config.shadowDmnDir().orElse(rules.resolveSibling("dmn").toString()));
        if (!Files.isDirectory(rules)) {
            return;
        }
        RuleFiles files = RuleFiles.fromDirectories(rules, dmn);
        String version = files.version();
        Loaded current = shadow;
        if ((current != null && current.ruleset().version().equals(version)) || version.equals(lastTried)) {
            return;
        }
        lastTried = version;
        try {
            CompiledRuleset candidate = RulesetCompiler.compile(files, Instant.now());
            shadow = new Loaded(candidate, Instant.now(), new ImpactPreview.Tally());
            lastRejection = null;
            queue.clear();
            dropped.set(0);
            startWorker();
            LOG.infof("Shadow ruleset %s decides beside the live one", version);
        } catch (RulesetRejectedException e) {
            lastRejection = new ActiveRuleset.Rejection(Instant.now(), version, e.errors(), java.util.List.of(), null);
            e.errors().forEach(error -> LOG.warnf("Shadow ruleset %s refused: %s", version, error));
        }
    }

    private synchronized void startWorker() {
        if (worker != null) {
            return;
        }
        worker = new Thread(this::work, "shadow-ruleset");
        worker.setDaemon(true);
        worker.start();
    }

    private void work() {
        while (!Thread.currentThread().isInterrupted()) {
            Observed next;
            try {
                next = queue.poll(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                return;
            }
            Loaded current = shadow;
            if (next == null || current == null) {
                continue;
            }
            Optional<ImpactPreview.Outcome> would;
            try {
                would = Optional.of(ImpactPreview.outcomeOf(current.ruleset().decide(next.request())));
            } catch (RuntimeException e) {
                would = Optional.empty();
            }
            synchronized (current.tally()) {
                current.tally().add(null, next.live().invoiceId(), String.valueOf(next.live().asOf()),
                        Optional.of(ImpactPreview.outcomeOf(next.live())), would);
            }
        }
    }

    @PreDestroy
    void stop() {
        Thread running = worker;
        if (running != null) {
            running.interrupt();
        }
    }
}
