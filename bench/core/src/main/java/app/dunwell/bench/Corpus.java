package app.dunwell.bench;

import app.dunwell.decision.DecisionRequest;
import app.dunwell.decision.DecisionRequestReader;
import app.dunwell.decision.JsonMapping;
import app.dunwell.ruleset.CompiledRuleset;
import app.dunwell.ruleset.RuleFiles;
import app.dunwell.ruleset.RulesetCompiler;
import app.dunwell.ruleset.Scenarios;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The repository's policy and its scenario corpus: {@code rules/} and {@code dmn/} (the shipped ruleset),
 * {@code rules/tests/*.json} (the analysts' scenarios) and {@code src/test/resources/contract/*.json}
 * (the contract's). The repository is the system property {@code dunwell.repo}, else the first folder
 * upwards from the working directory that has {@code rules/settings.json} and {@code dmn/}.
 */
public final class Corpus {
    /** One scenario with its request read as the service reads it. */
    public record Entry(Scenarios.Scenario scenario, DecisionRequest request) {
        public String name() {
            return scenario.name();
        }
    }

    private Corpus() {
    }

    public static Path repo(String given) {
        String path = given != null && !given.isBlank() ? given : System.getProperty("dunwell.repo");
        if (path != null && !path.isBlank()) {
            Path root = Path.of(path).toAbsolutePath().normalize();
            if (!isRepo(root)) {
                throw new IllegalStateException("not a Dunwell repository (no rules/settings.json and dmn/): " + root);
            }
            return root;
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (isRepo(dir)) {
                return dir;
            }
        }
        throw new IllegalStateException("no Dunwell repository above " + Path.of("").toAbsolutePath()
                + ": run from inside it or pass -Ddunwell.repo=PATH");
    }

    private static boolean isRepo(Path dir) {
        return Files.isRegularFile(dir.resolve("rules/settings.json")) && Files.isDirectory(dir.resolve("dmn"));
    }

    /** The ruleset of the repository's rules/ and dmn/, compiled as the service compiles it. */
    public static CompiledRuleset ruleset(Path repo) {
        return RulesetCompiler.compile(RuleFiles.fromDirectories(repo.resolve("rules"), repo.resolve("dmn")), Instant.now());
    }

    public static ReferencePolicy reference(Path repo) {
        return ReferencePolicy.fromSettingsFile(repo.resolve("rules/settings.json"));
    }

    /** rules/tests then the contract's scenarios, each folder in name order. */
    public static List<Entry> scenarios(Path repo) {
        DecisionRequestReader reader = new DecisionRequestReader(JsonMapping.newMapper());
        List<Entry> entries = new ArrayList<>();
        for (Path folder : List.of(repo.resolve("rules/tests"), repo.resolve("src/test/resources/contract"))) {
            for (Path file : Scenarios.filesIn(folder)) {
                Scenarios.Scenario scenario = Scenarios.read(file);
                String name = repo.relativize(file).toString();
                entries.add(new Entry(new Scenarios.Scenario(name, scenario.request(), scenario.expect()),
                        reader.read(scenario.request())));
            }
        }
        return entries;
    }
}
