package app.dunwell.ruleset;

import java.time.Instant;
import java.util.List;

/**
 * Checks a candidate ruleset the way the service would load it, then runs scenarios against it:
 * the same check for the command line ({@code validate}) and for {@code POST /api/v1/ruleset/validate}.
 */
public final class RulesetValidation {
    private RulesetValidation() {
    }

    /** What a validation found: compile and validation errors, and each scenario's result. */
    public record Report(boolean valid, String version, List<RuleFileError> errors, List<RuleFileError> warnings,
                         int scenariosPassed, int scenariosFailed, List<Scenarios.Result> scenarios) {
    }

    public static Report validate(RuleFiles files, List<Scenarios.Scenario> scenarios) {
        CompiledRuleset ruleset;
        try {
            ruleset = RulesetCompiler.compile(files, Instant.now());
        } catch (RulesetRejectedException e) {
            return rejected(files, e);
        }
        return of(ruleset, scenarios);
    }

    /** The report of a ruleset that compiled: valid when every scenario passes. */
    public static Report of(CompiledRuleset ruleset, List<Scenarios.Scenario> scenarios) {
        List<Scenarios.Result> results = scenarios.stream().map(s -> Scenarios.run(s, ruleset)).toList();
        int passed = (int) results.stream().filter(Scenarios.Result::passed).count();
        return new Report(passed == results.size(), ruleset.version(), List.of(), ruleset.warnings(), passed,
                results.size() - passed, results);
    }

    /** The report of files that did not compile. */
    public static Report rejected(RuleFiles files, RulesetRejectedException e) {
        return new Report(false, files.version(), e.errors(), List.of(), 0, 0, List.of());
    }
}
