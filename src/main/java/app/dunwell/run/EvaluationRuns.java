package app.dunwell.run;

import app.dunwell.state.DecisionWriter;
import app.dunwell.effects.EffectsWriter;
import org.hibernate.FlushMode;
import org.hibernate.Session;
import java.util.ArrayList;
import java.util.LinkedHashMap;

import app.dunwell.lifecycle.Stopping;
import app.dunwell.state.JsonColumns;
import app.dunwell.state.SqlArrays;
import app.dunwell.decision.Decision;
import app.dunwell.state.DecisionLog;
import app.dunwell.decision.DecisionRequest;
import app.dunwell.decision.DecisionOutcome;
import app.dunwell.metrics.DecisionMetrics;
import app.dunwell.metrics.RunMetrics;
import app.dunwell.state.Center;
import app.dunwell.state.StoredInvoice;
import app.dunwell.ruleset.ActiveRuleset;
import app.dunwell.state.Timestamps;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.context.ManagedExecutor;
import jakarta.persistence.LockModeType;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Evaluation runs over a center's open invoices. Opening a run with a key that exists joins it, so
 * several instances (or a CronJob that fires twice) split one run's work: each claims a batch of pending items
 * with {@code FOR UPDATE SKIP LOCKED} and decides, stores and applies the batch in one transaction (all of it or
 * none). Items left pending by a run that was killed are picked up by the next worker of the same run.
 */
@ApplicationScoped
public class EvaluationRuns {
    /** How long a worker with nothing left to claim waits for items other workers hold: longer than the database takes to
     * end the session of a worker that froze mid-transaction ({@code idle_in_transaction_session_timeout}). */
    static final Duration STRAGGLER_WAIT = Duration.ofMinutes(3);

    private static final Logger LOG = Logger.getLogger(EvaluationRuns.class);
    /** A run that lists this many items or more has run_item analyzed once it is open (see {@link #analyzeItems()}). */
    static final int ANALYZED_FROM = 1_000;

    private final EntityManager em;
    private final RequestAssembler assembler;
    private final ActiveRuleset rulesets;
    private final DecisionLog log;
    private final ObjectMapper mapper;
    private final ManagedExecutor executor;
    private final int workers;
    /** Invoices claimed, decided and written in one transaction. */
    private final int batchSize;
    @Inject
    Stopping stopping;
    @Inject
    RunProgress progress;

    private final app.dunwell.ruleset.RulesetHistory history;
    private final app.dunwell.ruleset.ShadowRuleset shadow;
    private final EffectsWriter effects;
    private final RunMetrics runMetrics;
    private final DecisionMetrics decisionMetrics;

    public EvaluationRuns(EntityManager em, RequestAssembler assembler, ActiveRuleset rulesets, DecisionLog log, ObjectMapper mapper,
                          ManagedExecutor executor, @ConfigProperty(name = "dunwell.runs.workers", defaultValue = "2") int workers,
                          @ConfigProperty(name = "dunwell.runs.batch-size", defaultValue = "250") int batchSize,
                          app.dunwell.ruleset.RulesetHistory history, app.dunwell.ruleset.ShadowRuleset shadow,
                          EffectsWriter effects, RunMetrics runMetrics, DecisionMetrics decisionMetrics) {
        this.effects = effects;
        this.runMetrics = runMetrics;
        this.decisionMetrics = decisionMetrics;
        this.history = history;
        this.shadow = shadow;
        this.em = em;
        this.assembler = assembler;
        this.rulesets = rulesets;
        this.log = log;
        this.mapper = mapper;
        this.executor = executor;
        this.workers = Math.max(1, workers);
        this.batchSize = Math.max(1, batchSize);
    }

    /** Works on the run with {@code dunwell.runs.workers} threads of this instance; returns how many invoices they decided. */
    public int workInParallel(UUID runId) {
        if (workers == 1) {
            return work(runId);
        }
        List<CompletableFuture<Integer>> parts = IntStream.range(0, workers)
                .mapToObj(i -> executor.supplyAsync(() -> work(runId))).toList();
        return parts.stream().mapToInt(CompletableFuture::join).sum();
    }

    /** Opens the run with this key, or joins it when it exists; its items are the center's open invoices. */
    public UUID open(String centerId, Instant asOf, boolean dryRun, String runKey) {
        AtomicReference<Integer> listed = new AtomicReference<>(0);
        UUID runId = QuarkusTransaction.requiringNew().call(() -> {
            // The run decides every invoice with the ruleset serving when it opens, also after a reload.
            em.createNativeQuery("insert into run (id, center_id, run_key, as_of, dry_run, ruleset_version) values (?1, ?2, ?3, ?4, ?5, ?6) "
                            + "on conflict (run_key) do nothing")
                    .setParameter(1, UUID.randomUUID()).setParameter(2, centerId).setParameter(3, runKey)
                    .setParameter(4, asOf).setParameter(5, dryRun)
                    .setParameter(6, rulesets.current().map(r -> r.version()).orElse(null)).executeUpdate();
            UUID id = (UUID) em.createNativeQuery("select id from run where run_key = ?1").setParameter(1, runKey).getSingleResult();
            // A finished run is joined as it is: invoices opened since wait for the next run, decided as of its own asOf.
            listed.set(em.createNativeQuery("insert into run_item (run_id, invoice_id) select ?1, external_id from invoice "
                            + "where center_id = ?2 and balance > 0 and status not in ('PAID', 'CANCELLED') "
                            + "and exists (select 1 from run where id = ?1 and finished_at is null) on conflict do nothing")
                    .setParameter(1, id).setParameter(2, centerId).executeUpdate());
            return id;
        });
        if (listed.get() >= ANALYZED_FROM) {
            analyzeItems();
        }
        return runId;
    }

    /**
     * Gives the planner the size of the run just opened: a run's statements join its items by run and invoice, and with the
     * statistics of before (a table without this run's thousands of items) it would plan them as scans of the whole run.
     * A small run is planned well either way, so only a run of {@link #ANALYZED_FROM} items or more pays for it (a sample
     * of the table, some 0.2 s). Best effort: when a vacuum holds the table, the statistics of before stay until autovacuum
     * renews them.
     */
    private void analyzeItems() {
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                em.createNativeQuery("set local lock_timeout = '1s'").executeUpdate();
                em.createNativeQuery("analyze run_item").executeUpdate();
            });
        } catch (RuntimeException e) {
            LOG.debugf("run_item not analyzed after opening a run: %s", e.getClass().getSimpleName());
        }
    }

    /**
     * Works on the run until no pending item is left; returns how many invoices this worker decided. When the items left
     * are being decided by other workers, it waits for them (up to {@link #STRAGGLER_WAIT}): a worker that dies releases
     * its item (its transaction rolls back) and this one decides it, so the run still finishes.
     */
    public int work(UUID runId) {
        runMetrics.workerStarted();
        try {
            return workUntilDone(runId);
        } finally {
            runMetrics.workerFinished();
        }
    }

    private int workUntilDone(UUID runId) {
        int decided = 0;
        Instant waitingSince = null;
        // Claims go on past the last invoice this worker claimed: the decided items before it are not walked again by each
        // claim (their index entries stay until a vacuum, and a scan from the start would grow with the run). Once nothing
        // is left after it, one claim from the start picks up what a failed batch of another worker released.
        String after = null;
        while (true) {
            if (stopping.now()) break;
            AtomicReference<List<String>> claimedIds = new AtomicReference<>(List.of());
            String from = after;
            int claimed;
            try {
                claimed = committed(runId, QuarkusTransaction.requiringNew().call(() -> processBatch(runId, batchSize, null, from, claimedIds)));
            } catch (RuntimeException e) {
                if (claimedIds.get().isEmpty()) {
                    LOG.errorf(e, "Run %s: no invoice could be claimed", runId);
                    break;
                }
                // Nothing of the batch was written: decide its invoices one at a time, so that only the one at fault fails.
                LOG.warnf("Run %s: a batch of %d could not be written (%s); deciding them one by one", runId, claimedIds.get().size(),
                        e.getClass().getSimpleName());
                decided += oneByOne(runId, claimedIds.get());
                after = claimedIds.get().get(claimedIds.get().size() - 1);
                waitingSince = null;
                continue;
            }
            if (claimed > 0) {
                decided += claimed;
                after = claimedIds.get().get(claimedIds.get().size() - 1);
                waitingSince = null;
                continue;
            }
            if (after != null) {
                after = null;
                continue;
            }
            if (pending(runId) == 0) {
                break;
            }
            waitingSince = waitingSince == null ? Instant.now() : waitingSince;
            if (Duration.between(waitingSince, Instant.now()).compareTo(STRAGGLER_WAIT) > 0) {
                LOG.warnf("Run %s: invoices still held by another worker after %s; the next worker to join finishes them", runId, STRAGGLER_WAIT);
                break;
            }
            if (stopping.now()) break;
            sleep(Duration.ofMillis(200));
        }
        progress.finish(runId);
        return decided;
    }

    /** The invoices of a batch that failed as a whole, each in a transaction of its own; returns how many were decided. */
    private int oneByOne(UUID runId, List<String> invoiceIds) {
        int decided = 0;
        for (String invoiceId : invoiceIds) {
            try {
                decided += committed(runId, QuarkusTransaction.requiringNew().call(() -> processBatch(runId, 1, invoiceId, null, new AtomicReference<>())));
            } catch (RuntimeException e) {
                LOG.errorf(e, "Run %s: invoice %s could not be decided", runId, invoiceId);
                if (markFailed(runId, invoiceId, e)) {
                    runMetrics.batch(0, 1);
                }
            }
        }
        return decided;
    }

    /** What a batch decided, counted once its transaction has committed (a batch rolled back is decided again). */
    private int committed(UUID runId, Batch batch) {
        batch.decisions().forEach(d -> decisionMetrics.decided(DecisionMetrics.Source.RUN, d.outcome(), d.ruleset(), d.nanos()));
        runMetrics.batch(batch.done(), batch.failed());
        if (batch.claimed() > 0) {
            LOG.debugf("Run %s: %d invoices decided and written by this instance", runId, batch.done());
        }
        return batch.claimed();
    }

    private long pending(UUID runId) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from run_item where run_id = ?1 and state = 'PENDING'").setParameter(1, runId).getSingleResult()).longValue());
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for other workers", e);
        }
    }

    /**
     * Claims up to {@code limit} pending items of the run (only {@code onlyInvoice} when given; only those after {@code after}
     * when given), and in this one transaction
     * reads their state in a few queries, decides each, and writes the decisions, their effects and the items' outcome.
     * Exactly once: the claimed items stay locked until the commit, and a failure rolls back the whole batch, whose items
     * are pending again for the next worker (nothing of them was written). An invoice whose decision throws is marked
     * FAILED in the batch; the others go on. Returns how many items were claimed, done and failed, and the decisions made.
     */
    private Batch processBatch(UUID runId, int limit, String onlyInvoice, String after, AtomicReference<List<String>> claimedIds) {
        @SuppressWarnings("unchecked")
        List<String> ids = em.createNativeQuery("select invoice_id from run_item where run_id = ?1 and state = 'PENDING' "
                        + "and (cast(?3 as text) is null or invoice_id = ?3) and (cast(?4 as text) is null or invoice_id > ?4) "
                        + "order by invoice_id limit ?2 for update skip locked")
                .setParameter(1, runId).setParameter(2, limit).setParameter(3, onlyInvoice).setParameter(4, after).getResultList();
        if (ids.isEmpty()) {
            return Batch.NONE;
        }
        claimedIds.set(ids);
        // The batch's few statements are planned with their values each time: a plan the connection cached earlier (while
        // the task table was empty, say) would scan the tables this run is filling, a little longer for every batch.
        em.createNativeQuery("set local plan_cache_mode = force_custom_plan").executeUpdate();
        // Entities are written at the commit: the many inserts of the effects do not each make the session flush first.
        em.unwrap(Session.class).setHibernateFlushMode(FlushMode.COMMIT);
        Object[] run = (Object[]) em.createNativeQuery("select center_id, as_of, dry_run, ruleset_version from run where id = ?1")
                .setParameter(1, runId).getSingleResult();
        String centerId = (String) run[0];
        Instant asOf = Timestamps.instant(run[1]);
        boolean dryRun = (Boolean) run[2];
        app.dunwell.ruleset.CompiledRuleset ruleset = rulesetOf((String) run[3]);
        Center center = Center.findById(centerId);
        // Locked until the decisions and their effects are written: a payment arriving meanwhile waits and is applied after, not lost.
        List<StoredInvoice> invoices = StoredInvoice.<StoredInvoice>find("centerId = ?1 and externalId in ?2 order by externalId", centerId, ids)
                .withLock(LockModeType.PESSIMISTIC_WRITE).list();
        Map<String, DecisionRequest> requests = assembler.assembleAll(center, invoices, asOf);

        List<DecisionWriter.Row> rows = new ArrayList<>();
        List<EffectsWriter.Applied> decided = new ArrayList<>();
        Map<String, String> failed = new LinkedHashMap<>();
        List<Timed> timed = new ArrayList<>(invoices.size());
        for (StoredInvoice invoice : invoices) {
            DecisionRequest request = requests.get(invoice.externalId);
            try {
                long started = System.nanoTime();
                Decision decision;
                try {
                    decision = ruleset.decide(request);
                } catch (RuntimeException e) {
                    timed.add(new Timed(DecisionMetrics.ERROR, ruleset.version(), System.nanoTime() - started));
                    throw e;
                }
                timed.add(new Timed(DecisionOutcome.of(decision), decision.rulesetVersion(), System.nanoTime() - started));
                shadow.observe(request, decision);
                DecisionWriter.Row row = log.row(request, decision, centerId, false);
                rows.add(row);
                decided.add(new EffectsWriter.Applied(invoice, decision, row.id()));
            } catch (RuntimeException e) {
                LOG.errorf(e, "Run %s: invoice %s could not be decided", runId, invoice.externalId);
                failed.put(invoice.externalId, String.valueOf(e));
            }
        }
        ids.stream().filter(id -> !requests.containsKey(id)).forEach(id -> failed.put(id, "the invoice is no longer stored"));
        log.storeAll(em, rows);
        if (!dryRun) {
            effects.applyAll(center, decided, runId);
        }
        em.unwrap(Session.class).doWork(connection -> {
            // The items' outcome in one statement over arrays (a row each would be planned and executed a hundred times).
            try (var done = connection.prepareStatement("update run_item i set state = 'DONE', decision_id = d.decision_id, "
                    + "actions = cast(d.actions as jsonb) from unnest(cast(? as text[]), cast(? as uuid[]), cast(? as text[])) "
                    + "as d(invoice_id, decision_id, actions) where i.run_id = ? and i.invoice_id = d.invoice_id");
                 var failure = connection.prepareStatement("update run_item set state = 'FAILED', error = ? where run_id = ? and invoice_id = ?")) {
                if (!decided.isEmpty()) {
                    done.setArray(1, SqlArrays.column(connection, "text", decided, d -> d.invoice().externalId));
                    done.setArray(2, SqlArrays.column(connection, "uuid", decided, EffectsWriter.Applied::decisionId));
                    done.setArray(3, SqlArrays.column(connection, "text", decided, d -> JsonColumns.write(mapper,
                            d.decision().actions().stream().map(a -> a.type().name()).toList())));
                    done.setObject(4, runId);
                    done.executeUpdate();
                }
                for (Map.Entry<String, String> f : failed.entrySet()) {
                    failure.setString(1, f.getValue());
                    failure.setObject(2, runId);
                    failure.setString(3, f.getKey());
                    failure.addBatch();
                }
                failure.executeBatch();
            }
        });
        return new Batch(ids.size(), decided.size(), failed.size(), timed);
    }

    /** One decision of a batch for the metrics: its outcome, the ruleset that made it, and how long it took. */
    private record Timed(String outcome, String ruleset, long nanos) {
    }

    /** What a batch did: the items it claimed, how many of them are done and how many failed, the decisions it made. */
    private record Batch(int claimed, int done, int failed, List<Timed> decisions) {
        static final Batch NONE = new Batch(0, 0, 0, List.of());
    }

    /** The ruleset a run pinned when it opened (the serving one for a run opened before any served). */
    private app.dunwell.ruleset.CompiledRuleset rulesetOf(String pinned) {
        if (pinned == null) {
            return rulesets.current().orElseThrow(() -> new IllegalStateException("no valid ruleset"));
        }
        return history.compiled(pinned).orElseThrow(() -> new IllegalStateException("ruleset " + pinned + " of this run is not in the history"));
    }

    /** Marks the invoice that failed (if no other worker decided it meanwhile), so the run goes on with the others; whether it did. */
    private boolean markFailed(UUID runId, String invoiceId, RuntimeException e) {
        return 1 == QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("update run_item set state = 'FAILED', error = ?1 "
                        + "where run_id = ?2 and invoice_id = ?3 and state = 'PENDING'")
                .setParameter(1, String.valueOf(e)).setParameter(2, runId).setParameter(3, invoiceId).executeUpdate());
    }
}
