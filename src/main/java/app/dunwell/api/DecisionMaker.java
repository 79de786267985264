package app.dunwell.api;

import app.dunwell.state.DecisionWriter;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import app.dunwell.access.Caller;
import app.dunwell.decision.Decision;
import app.dunwell.decision.DecisionRequest;
import app.dunwell.decision.DecisionOutcome;
import app.dunwell.decision.DecisionRequestReader;
import app.dunwell.metrics.DecisionMetrics;
import app.dunwell.ruleset.ActiveRuleset;
import app.dunwell.ruleset.CompiledRuleset;
import app.dunwell.ruleset.RuleFileError;
import app.dunwell.state.DecisionLog;
import app.dunwell.state.JsonColumns;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Decides one request for a caller of the decision endpoints and keeps it in the decision log. A center's key decides for
 * its own center (the request may leave {@code center.id} out and may not name another); a decision asked for without a
 * key is stored as anonymous and attached to no center, whatever center the request names.
 */
@ApplicationScoped
public class DecisionMaker {
    private static final Logger LOG = Logger.getLogger(DecisionMaker.class);
    /** How long an answer waits for its decision to commit. */
    private static final Duration STORE_WAIT = Duration.ofSeconds(30);

    private final ActiveRuleset rulesets;
    private final DecisionRequestReader reader;
    private final DecisionLog log;
    private final ObjectMapper mapper;

    private final app.dunwell.ruleset.ShadowRuleset shadow;
    private final DecisionMetrics metrics;

    public DecisionMaker(ActiveRuleset rulesets, ObjectMapper mapper, DecisionLog log, app.dunwell.ruleset.ShadowRuleset shadow,
                         DecisionMetrics metrics) {
        this.shadow = shadow;
        this.metrics = metrics;
        this.rulesets = rulesets;
        this.reader = new DecisionRequestReader(mapper);
        this.log = log;
        this.mapper = mapper;
    }

    /** The ruleset that serves now, or 503 when none is valid. */
    public CompiledRuleset serving() {
        return rulesets.current().orElseThrow(() -> new NoActiveRulesetException(
                rulesets.lastRejection()
                        .map(r -> "the last ruleset was refused: " + r.summary())
                        .orElse("no ruleset has been loaded")));
    }

    public JsonNode tree(byte[] body) {
        return reader.tree(body == null ? new byte[0] : body);
    }

    /** A decision made, on its way into the decision log: {@code json} is the answer with its id, as stored. */
    public record Made(Decision decision, String json, CompletableFuture<UUID> stored) {
    }

    /**
     * Reads and decides one request, and hands it to the decision log's next batch; when the log's queue is full, waits
     * for room for a while (on a worker thread).
     */
    public Made start(Optional<Caller> caller, JsonNode tree, CompiledRuleset ruleset) {
        return start(caller, tree, ruleset, true);
    }

    /**
     * As {@link #start}, on an I/O thread, which must not block: a full queue answers busy at once. Only for a request
     * whose caller is known without the database (no key).
     */
    public Made startOnIoThread(JsonNode tree, CompiledRuleset ruleset) {
        return start(Optional.empty(), tree, ruleset, false);
    }

    private Made start(Optional<Caller> caller, JsonNode tree, CompiledRuleset ruleset, boolean mayWait) {
        DecisionRequest request = reader.read(tree);
        String named = request.centerOrDefault().id();
        String centerId = caller.map(c -> c.isBootstrap() ? named : c.centerOf(named, "center.id")).orElse(null);
        long started = System.nanoTime();
        Decision decision;
        try {
            decision = ruleset.decide(request);
        } catch (RuntimeException e) {
            metrics.decided(DecisionMetrics.Source.API, DecisionMetrics.ERROR, ruleset.version(), System.nanoTime() - started);
            throw e;
        }
        metrics.decided(DecisionMetrics.Source.API, DecisionOutcome.of(decision), decision.rulesetVersion(), System.nanoTime() - started);
        shadow.observe(request, decision);
        try {
            DecisionWriter.Row row = log.row(tree, decision, centerId, caller.isEmpty());
            return new Made(decision, row.answer(), log.storeBatched(row, mayWait));
        } catch (DecisionWriter.Busy e) {
            throw new DecisionLogBusyException();
        }
    }

    /**
     * The answer once the decision is stored: the JSON the log keeps, with the decision's id (written once, on the deciding
     * thread). When the database fails, the decision is answered without an id (it was made, it cannot be looked up).
     */
    public String answerJson(Made made) {
        try {
            made.stored().get(STORE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            return made.json();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return JsonColumns.write(mapper, made.decision());
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            return notStored(made, e instanceof ExecutionException ee && ee.getCause() != null ? ee.getCause() : e);
        }
    }

    /** As {@link #answerJson}, without holding a thread while the row commits. */
    public Uni<String> answer(Made made) {
        return Uni.createFrom().completionStage(made.stored())
                .ifNoItem().after(STORE_WAIT).fail()
                .onItemOrFailure().transform((id, failure) -> failure == null ? made.json() : notStored(made, failure));
    }

    private String notStored(Made made, Throwable why) {
        LOG.warnf("Decision for invoice %s made but not stored: %s", made.decision().invoiceId(), why.getClass().getSimpleName());
        return JsonColumns.write(mapper, made.decision());
    }
}
