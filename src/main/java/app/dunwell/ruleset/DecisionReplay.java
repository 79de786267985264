package app.dunwell.ruleset;

import app.dunwell.decision.Decision;
import app.dunwell.decision.DecisionRequestReader;
import app.dunwell.decision.JsonMapping;
import app.dunwell.state.DecisionLog;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/** A stored decision decided again under its own ruleset version, to show that it gives the same answer. */
@ApplicationScoped
public class DecisionReplay {
    private final RulesetHistory history;
    private final ObjectMapper mapper = JsonMapping.newMapper();

    public DecisionReplay(RulesetHistory history) {
        this.history = history;
    }

    /** The replay: the version it ran under, whether the outcome is the same, both outcomes, and what differs. */
    public record Result(String decisionId, String rulesetVersion, boolean same, ImpactPreview.Outcome stored,
                         ImpactPreview.Outcome replayed, List<String> differences) {
    }

    /** Thrown when the decision's ruleset version is not in the history (decided before the history was kept). */
    public static final class VersionNotKept extends RuntimeException {
        public VersionNotKept(String version) {
            super("ruleset " + version + " is not in the history: it served before versions were kept");
        }
    }

    public Result replay(DecisionLog.Entry entry) {
        CompiledRuleset ruleset = history.compiled(entry.rulesetVersion()).orElseThrow(() -> new VersionNotKept(entry.rulesetVersion()));
        Decision again = ruleset.decide(new DecisionRequestReader(mapper).read(entry.request()));
        JsonNode replayed = mapper.valueToTree(again);
        List<String> differences = Scenarios.differences(outcomeOf(entry.answer()), replayed);
        return new Result(entry.id().toString(), ruleset.version(), differences.isEmpty(), outcome(entry.answer()), outcome(replayed),
                differences);
    }

    /** The parts of a stored answer that a replay must give again, as a scenario's expectation (exact lists). */
    private JsonNode outcomeOf(JsonNode answer) {
        var expect = mapper.createObjectNode();
        expect.set("status", answer.path("status").isMissingNode() ? mapper.nullNode() : answer.get("status"));
        expect.set("actions", answer.path("actions"));
        expect.set("suppressedExactly", answer.path("suppressed"));
        return expect;
    }

    private ImpactPreview.Outcome outcome(JsonNode decision) {
        try {
            Decision d = mapper.treeToValue(decision, Decision.class);
            return new ImpactPreview.Outcome(d.status(), d.actions(), d.suppressed());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored decision is not a decision", e);
        }
    }
}
