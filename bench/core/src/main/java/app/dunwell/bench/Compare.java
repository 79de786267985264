package app.dunwell.bench;

import app.dunwell.decision.Decision;
import app.dunwell.decision.DecisionRequestReader;
import app.dunwell.decision.JsonMapping;
import app.dunwell.ruleset.CompiledRuleset;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Decides requests with both the shipped ruleset and the {@link ReferencePolicy} and prints both outcomes:
 * each argument is a JSON file holding a request or a scenario ({@code {name, request, expect}}).
 * The repository comes from {@code -Ddunwell.repo} or the working directory.
 *
 * <pre>java -cp bench/core/target/dunwell-bench-core.jar app.dunwell.bench.Compare request.json…</pre>
 */
public final class Compare {
    public static void main(String[] args) throws Exception {
        Path repo = Corpus.repo(null);
        CompiledRuleset ruleset = Corpus.ruleset(repo);
        ReferencePolicy reference = Corpus.reference(repo);
        ObjectMapper mapper = JsonMapping.newMapper();
        DecisionRequestReader reader = new DecisionRequestReader(mapper);
        int differing = 0;
        for (String file : args) {
            JsonNode json = mapper.readTree(Files.readString(Path.of(file)));
            JsonNode request = json.has("request") ? json.get("request") : json;
            var parsed = reader.read(request);
            Decision a = ruleset.decide(parsed);
            Decision b = reference.decide(parsed);
            List<String> differences = Outcomes.differences(a, b);
            System.out.println("---- " + file + (differences.isEmpty() ? ": agree" : ": DISAGREE"));
            differences.forEach(d -> System.out.println("  " + d));
            System.out.println("  ruleset:   " + Outcomes.of(a).describe());
            if (!differences.isEmpty()) {
                System.out.println("  reference: " + Outcomes.of(b).describe());
                differing++;
            }
        }
        System.exit(differing == 0 ? 0 : 1);
    }
}
