package app.dunwell.ruleset;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code java -jar quarkus-run.jar validate [rules-dir] [dmn-dir]}: compiles every DRL, validates every
 * DMN and the settings, runs every scenario in {@code <rules-dir>/tests}, prints a line per file and
 * exits non-zero when anything fails. No server, no database.
 */
public final class ValidateCommand {
    private ValidateCommand() {
    }

    public static int run(List<String> args, PrintStream out) {
        Path rules = Path.of(args.size() > 0 ? args.get(0) : "rules");
        Path dmn = Path.of(args.size() > 1 ? args.get(1) : "dmn");
        if (!Files.isDirectory(rules)) {
            out.println("FAIL  no rules directory at " + rules.toAbsolutePath());
            return 2;
        }
        RuleFiles files = RuleFiles.fromDirectories(rules, dmn);
        Path tests = rules.resolve("tests");
        List<Scenarios.Scenario> scenarios;
        try {
            scenarios = Files.isDirectory(tests) ? Scenarios.filesIn(tests).stream().map(Scenarios::read).toList() : List.of();
        } catch (IllegalArgumentException e) {
            out.println("FAIL  " + e.getMessage());
            return 1;
        }
        RulesetValidation.Report report = RulesetValidation.validate(files, scenarios);
        for (String file : files.contents().keySet()) {
            List<RuleFileError> errors = report.errors().stream().filter(e -> e.file().equals(file)).toList();
            out.println((errors.isEmpty() ? "ok    " : "FAIL  ") + file);
            errors.forEach(e -> out.println("      line " + e.line() + ": " + e.message()));
            report.warnings().stream().filter(w -> w.file().equals(file))
                    .forEach(w -> out.println("      warning, line " + w.line() + ": " + w.message()));
        }
        report.errors().stream().filter(e -> !files.contents().containsKey(e.file()))
                .forEach(e -> out.println("FAIL  " + e));
        for (Scenarios.Result result : report.scenarios()) {
            out.println((result.passed() ? "pass  " : "FAIL  ") + "rules/tests/" + result.name());
            result.differences().forEach(d -> out.println("      " + d));
        }
        out.printf("%s: ruleset %s, %d errors, %d scenarios passed, %d failed%n",
                report.valid() ? "VALID" : "INVALID", report.version(), report.errors().size(),
                report.scenariosPassed(), report.scenariosFailed());
        return report.valid() ? 0 : 1;
    }
}
