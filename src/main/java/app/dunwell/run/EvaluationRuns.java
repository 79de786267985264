package app.dunwell.run;

import app.dunwell.lifecycle.Stopping;
import app.dunwell.state.JsonColumns;
import app.dunwell.decision.Decision;
import app.dunwell.state.DecisionLog;
import app.dunwell.decision.DecisionRequest;
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
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Evaluation runs over a center's open invoices. Opening a run with a key that exists joins it, so
 * several instances (or a CronJob that fires twice) split one run's work: each claims pending items
 * with {@code FOR UPDATE SKIP LOCKED} and decides, stores and applies one invoice per transaction.
 * Items left pending by a run that was killed are picked up by the next worker of the same run.
 */
@ApplicationScoped
public class EvaluationRuns {
    /** How long a worker with nothing left to claim waits for items other workers hold: longer than the database takes to
     * end the session of a worker that froze mid-transaction ({@code idle_in_transaction_session_timeout}). */
    static final Duration STRAGGLER_WAIT = Duration.ofMinutes(3);

    private static final Logger LOG = Logger.getLogger(EvaluationRuns.class);

    private final EntityManager em;
    private final RequestAssembler assembler;
    private final ActiveRuleset rulesets;
    private final DecisionLog log;
    private final ObjectMapper mapper;
    private final ManagedExecutor executor;
    private final int workers;
    @Inject
    Stopping stopping;

    private final app.dunwell.ruleset.RulesetHistory history;
    private final app.dunwell.ruleset.ShadowRuleset shadow;
    private final app.dunwell.effects.EffectsWriter effects;

    public EvaluationRuns(EntityManager em, RequestAssembler assembler, ActiveRuleset rulesets, DecisionLog log, ObjectMapper mapper,
                          ManagedExecutor executor, @ConfigProperty(name = "dunwell.runs.workers", defaultValue = "2") int workers,
                          app.dunwell.ruleset.RulesetHistory history, app.dunwell.ruleset.ShadowRuleset shadow,
                          app.dunwell.effects.EffectsWriter effects) {
        this.effects = effects;
        this.history = history;
        this.shadow = shadow;
        this.em = em;
        this.assembler = assembler;
        this.rulesets = rulesets;
        this.log = log;
        this.mapper = mapper;
        this.executor = executor;
        this.workers = Math.max(1, workers);
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

    /** Progress of a run: invoices in it, decided, failed, and the actions decided by type. */
    public record RunStatus(UUID id, String centerId, Instant asOf, boolean dryRun, int total, int done, int failed,
                            Map<String, Integer> actionsByType, Instant startedAt, Instant finishedAt, String rulesetVersion) {
    }

    /** Opens the run with this key, or joins it when it exists; its items are the center's open invoices. */
    public UUID open(String centerId, Instant asOf, boolean dryRun, String runKey) {
        return QuarkusTransaction.requiringNew().call(() -> {
            // The run decides every invoice with the ruleset serving when it opens, also after a reload.
            em.createNativeQuery("insert into run (id, center_id, run_key, as_of, dry_run, ruleset_version) values (?1, ?2, ?3, ?4, ?5, ?6) "
                            + "on conflict (run_key) do nothing")
                    .setParameter(1, UUID.randomUUID()).setParameter(2, centerId).setParameter(3, runKey)
                    .setParameter(4, asOf).setParameter(5, dryRun)
                    .setParameter(6, rulesets.current().map(r -> r.version()).orElse(null)).executeUpdate();
            UUID id = (UUID) em.createNativeQuery("select id from run where run_key = ?1").setParameter(1, runKey).getSingleResult();
            // A finished run is joined as it is: invoices opened since wait for the next run, decided as of its own asOf.
            em.createNativeQuery("insert into run_item (run_id, invoice_id) select ?1, external_id from invoice "
                            + "where center_id = ?2 and balance > 0 and status not in ('PAID', 'CANCELLED') "
                            + "and exists (select 1 from run where id = ?1 and finished_at is null) on conflict do nothing")
                    .setParameter(1, id).setParameter(2, centerId).executeUpdate();
            return id;
        });
    }

    /**
     * Works on the run until no pending item is left; returns how many invoices this worker decided. When the items left
     * are being decided by other workers, it waits for them (up to {@link #STRAGGLER_WAIT}): a worker that dies releases
     * its item (its transaction rolls back) and this one decides it, so the run still finishes.
     */
    public int work(UUID runId) {
        int decided = 0;
        Instant waitingSince = null;
        while (true) {
            if (stopping.now()) break;
            AtomicReference<String> claimedId = new AtomicReference<>();
            Optional<String> claimed;
            try {
                claimed = QuarkusTransaction.requiringNew().call(() -> processOne(runId, claimedId));
            } catch (RuntimeException e) {
                LOG.errorf(e, "Run %s: invoice %s could not be decided", runId, claimedId.get());
                if (claimedId.get() == null) {
                    break;
                }
                markFailed(runId, claimedId.get(), e);
                continue;
            }
            if (claimed.isPresent()) {
                decided++;
                waitingSince = null;
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
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("update run set finished_at = now() where id = ?1 "
                + "and finished_at is null and not exists (select 1 from run_item where run_id = ?1 and state = 'PENDING')")
                .setParameter(1, runId).executeUpdate());
        return decided;
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

    private Optional<String> processOne(UUID runId, AtomicReference<String> claimedId) {
        @SuppressWarnings("unchecked")
        List<String> next = em.createNativeQuery("select invoice_id from run_item where run_id = ?1 and state = 'PENDING' "
                + "order by invoice_id limit 1 for update skip locked").setParameter(1, runId).getResultList();
        if (next.isEmpty()) {
            return Optional.empty();
        }
        String invoiceId = next.get(0);
        claimedId.set(invoiceId);
        Object[] run = (Object[]) em.createNativeQuery("select center_id, as_of, dry_run, ruleset_version from run where id = ?1")
                .setParameter(1, runId).getSingleResult();
        String centerId = (String) run[0];
        Instant asOf = Timestamps.instant(run[1]);
        boolean dryRun = (Boolean) run[2];
        String pinned = (String) run[3];
        Center center = Center.findById(centerId);
        // Locked until the decision and its effects are written: a payment arriving meanwhile waits and is applied after, not lost.
        StoredInvoice invoice = StoredInvoice.<StoredInvoice>find("centerId = ?1 and externalId = ?2", centerId, invoiceId)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
        DecisionRequest request = assembler.assemble(center, invoice, asOf);
        Decision decision = rulesetOf(pinned).decide(request);
        shadow.observe(request, decision);
        UUID decisionId = log.store(mapper.valueToTree(request), decision, centerId, false);
        if (!dryRun) {
            effects.apply(center, invoice, decision, decisionId, runId);
        }
        em.createNativeQuery("update run_item set state = 'DONE', decision_id = ?1, actions = cast(?2 as jsonb) "
                        + "where run_id = ?3 and invoice_id = ?4")
                .setParameter(1, decisionId).setParameter(2, JsonColumns.write(mapper, decision.actions().stream().map(a -> a.type().name()).toList()))
                .setParameter(3, runId).setParameter(4, invoiceId).executeUpdate();
        return Optional.of(invoiceId);
    }

    /** The ruleset a run pinned when it opened (the serving one for a run opened before any served). */
    private app.dunwell.ruleset.CompiledRuleset rulesetOf(String pinned) {
        if (pinned == null) {
            return rulesets.current().orElseThrow(() -> new IllegalStateException("no valid ruleset"));
        }
        return history.compiled(pinned).orElseThrow(() -> new IllegalStateException("ruleset " + pinned + " of this run is not in the history"));
    }

    /** Marks the invoice that failed (if no other worker decided it meanwhile), so the run goes on with the others. */
    private void markFailed(UUID runId, String invoiceId, RuntimeException e) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("update run_item set state = 'FAILED', error = ?1 "
                        + "where run_id = ?2 and invoice_id = ?3 and state = 'PENDING'")
                .setParameter(1, String.valueOf(e)).setParameter(2, runId).setParameter(3, invoiceId).executeUpdate());
    }

    public Optional<RunStatus> status(UUID runId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> runs = em.createNativeQuery("select center_id, as_of, dry_run, started_at, finished_at, ruleset_version from run where id = ?1")
                    .setParameter(1, runId).getResultList();
            if (runs.isEmpty()) {
                return Optional.<RunStatus>empty();
            }
            Object[] r = runs.get(0);
            @SuppressWarnings("unchecked")
            List<Object[]> items = em.createNativeQuery("select state, cast(actions as text) from run_item where run_id = ?1")
                    .setParameter(1, runId).getResultList();
            int done = 0;
            int failed = 0;
            Map<String, Integer> byType = new TreeMap<>();
            for (Object[] item : items) {
                if ("DONE".equals(item[0])) {
                    done++;
                    for (JsonNode type : JsonColumns.tree(mapper, (String) item[1], "[]")) {
                        byType.merge(type.asText(), 1, Integer::sum);
                    }
                } else if ("FAILED".equals(item[0])) {
                    failed++;
                }
            }
            return Optional.of(new RunStatus(runId, (String) r[0], Timestamps.instant(r[1]), (Boolean) r[2], items.size(), done, failed,
                    byType, Timestamps.instant(r[3]), Timestamps.instant(r[4]), (String) r[5]));
        });
    }


}
