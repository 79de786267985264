package app.dunwell.ruleset;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The analysts' command: a line per file and scenario, and an exit code that fails the build. */
class ValidateCommandTest {
    private static final String SCENARIO = """
            {"request": {"asOf":"2026-03-09T15:00:00Z","center":{"timezone":"America/New_York"},
              "family":{"contact":{"email":"a@example.org","preferredChannel":"EMAIL"}},
              "invoice":{"id":"INV-1","dueOn":"2026-03-02","balance":"850.00"}},
             "expect": {"status":{"from":"UNPAID","to":"FIRST"},
              "actions":[{"type":"ASSESS_LATE_FEE","amount":"%s"},{"type":"SEND_REMINDER","kind":"OVERDUE_FIRST"}]}}""";

    @Test
    void aValidPolicyWithPassingScenariosExitsZero() throws Exception {
        PolicyCopy copy = PolicyCopy.create();
        Files.createDirectories(copy.rules.resolve("tests"));
        Files.writeString(copy.rules.resolve("tests/fee.json"), SCENARIO.formatted("25.00"));
        String out = run(copy, 0);
        assertTrue(out.contains("ok    rules/late-fee.drl"), out);
        assertTrue(out.contains("ok    dmn/escalation.dmn"), out);
        assertTrue(out.contains("pass  rules/tests/fee.json"), out);
        assertTrue(out.contains("VALID"), out);
    }

    @Test
    void aFailingScenarioFailsTheCommandAndSaysWhy() throws Exception {
        PolicyCopy copy = PolicyCopy.create();
        Files.createDirectories(copy.rules.resolve("tests"));
        Files.writeString(copy.rules.resolve("tests/fee.json"), SCENARIO.formatted("30.00"));
        String out = run(copy, 1);
        assertTrue(out.contains("FAIL  rules/tests/fee.json"), out);
        assertTrue(out.contains("actions: missing [{\"type\":\"ASSESS_LATE_FEE\",\"amount\":\"30.00\"}]; unexpected ["), out);
    }

    @Test
    void aBrokenRuleFileFailsTheCommandWithItsLine() throws Exception {
        PolicyCopy copy = PolicyCopy.create().replace("rules/timing.drl", "ContactLog( $newest : newest != null )",
                "ContactLog( $newest : newest != null");
        String out = run(copy, 1);
        assertTrue(out.contains("FAIL  rules/timing.drl"), out);
        assertTrue(out.matches("(?s).*line [1-9][0-9]*: .*"), out);
        assertTrue(out.contains("INVALID"), out);
    }

    @Test
    void aFileThatCrashesTheDrlCompilerIsNamed() throws Exception {
        PolicyCopy copy = PolicyCopy.create().replace("rules/timing.drl", "modify($r) { setNotBefore(plusHours($newest, $hours)) }",
                "modify($r) { setNotBefore(plusHours($newest, $hours) }");
        String out = run(copy, 1);
        assertTrue(out.contains("FAIL  rules/timing.drl"), out);
        assertTrue(out.contains("the DRL compiler failed on this file"), out);
    }

    private static String run(PolicyCopy copy, int expectedExit) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int exit = ValidateCommand.run(List.of(copy.rules.toString(), copy.dmn.toString()),
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(expectedExit, exit, out);
        return out;
    }
}
