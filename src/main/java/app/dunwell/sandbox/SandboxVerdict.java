package app.dunwell.sandbox;

import app.dunwell.ruleset.RulesetValidation;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * What came back from the sandbox: the validation report of the candidate, its decisions of the job's requests (each a
 * decision, or {@code {"error": "…"}}), or, when the child was stopped or failed, {@code stopped} saying why.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SandboxVerdict(RulesetValidation.Report report, List<JsonNode> decisions, String stopped) {
    public static SandboxVerdict stopped(String why) {
        return new SandboxVerdict(null, null, why);
    }

    public boolean wasStopped() {
        return stopped != null;
    }
}
