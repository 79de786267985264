package app.dunwell.sandbox;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

/**
 * What the sandbox is asked to do with a candidate ruleset: compile {@code files} (by path, as {@code RuleFiles} names
 * them), run {@code scenarios} (each {@code {name, request, expect}}) and decide {@code requests}.
 */
public record SandboxJob(Map<String, String> files, List<Scenario> scenarios, List<JsonNode> requests) {
    public record Scenario(String name, JsonNode request, JsonNode expect) {
    }
}
