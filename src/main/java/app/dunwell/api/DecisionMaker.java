package app.dunwell.api;

import app.dunwell.access.Caller;
import app.dunwell.decision.Decision;
import app.dunwell.decision.DecisionRequest;
import app.dunwell.decision.DecisionRequestReader;
import app.dunwell.ruleset.ActiveRuleset;
import app.dunwell.ruleset.CompiledRuleset;
import app.dunwell.ruleset.RuleFileError;
import app.dunwell.state.DecisionLog;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

    private final ActiveRuleset rulesets;
    private final DecisionRequestReader reader;
    private final DecisionLog log;

    private final app.dunwell.ruleset.ShadowRuleset shadow;

    public DecisionMaker(ActiveRuleset rulesets, ObjectMapper mapper, DecisionLog log, app.dunwell.ruleset.ShadowRuleset shadow) {
        this.shadow = shadow;
        this.rulesets = rulesets;
        this.reader = new DecisionRequestReader(mapper);
        this.log = log;
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

    /** Reads, decides with {@code ruleset} and stores one request; throws the request's problem when it cannot be decided. */
    public Decision decide(Optional<Caller> caller, JsonNode tree, CompiledRuleset ruleset) {
        DecisionRequest request = reader.read(tree);
        String named = request.centerOrDefault().id();
        String centerId = caller.map(c -> c.isBootstrap() ? named : c.centerOf(named, "center.id")).orElse(null);
        Decision decision = ruleset.decide(request);
        shadow.observe(request, decision);
        try {
            return decision.withId(log.store(tree, decision, centerId, caller.isEmpty()));
        } catch (RuntimeException e) {
            LOG.warnf("Decision for invoice %s made but not stored: %s", decision.invoiceId(), e.getClass().getSimpleName());
            return decision;
        }
    }
}
