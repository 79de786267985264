package app.dunwell.ruleset;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The mistakes that used to compile and then silently do nothing are refused at compile time, with file and line. */
class PolicyChecksTest {

    private static List<RuleFileError> refused(PolicyCopy copy) {
        return assertThrows(RulesetRejectedException.class, () -> RulesetCompiler.compile(copy.files(), Instant.now())).errors();
    }

    private static RuleFileError only(List<RuleFileError> errors) {
        assertEquals(1, errors.size(), errors.toString());
        return errors.get(0);
    }

    @Test
    void theShippedPolicyPassesEveryCheck() {
        RulesetCompiler.compile(PolicyCopy.create().files(), Instant.now());
    }

    @Test
    void aRuleInAMisspeltPhaseIsRefused() {
        RuleFileError error = only(refused(PolicyCopy.create().replace("rules/reminders.drl", "ruleflow-group \"outcome\"",
                "ruleflow-group \"outcomes\"")));
        assertEquals("rules/reminders.drl", error.file());
        assertEquals(10, error.line());
        assertTrue(error.message().contains("'outcomes'") && error.message().contains("never fire"), error.message());
    }

    @Test
    void aRuleWithoutAPhaseIsRefused() {
        RuleFileError error = only(refused(PolicyCopy.create().replace("rules/reminders.drl", "    ruleflow-group \"outcome\" salience 0\n", "")));
        assertTrue(error.message().contains("names no phase"), error.message());
    }

    @Test
    void thePhasesAreThePolicysOwnAndTheirOrderIsChecked() throws IOException {
        PolicyCopy copy = PolicyCopy.create();
        Files.delete(copy.rules.resolve("phases.txt"));
        assertEquals("rules/phases.txt", refused(copy).get(0).file());
        RuleFileError twice = only(refused(PolicyCopy.create().replace("rules/phases.txt", "\noutcome\n", "\noutcome\nscope\n")));
        assertTrue(twice.message().contains("listed twice"), twice.message());
        // A phase that is declared and used compiles: the analyst may add one.
        RulesetCompiler.compile(PolicyCopy.create().replace("rules/phases.txt", "\noutcome\n", "\noutcome\nafterwards\n")
                .replace("rules/reminders.drl", "ruleflow-group \"outcome\"", "ruleflow-group \"afterwards\"").files(), Instant.now());
    }

    @Test
    void aPatternOnADmnDecisionNoTableDefinesIsRefused() {
        RuleFileError error = only(refused(PolicyCopy.create().replace("rules/late-fee.drl",
                "decision == \"Late Fee Outcome\", value == \"WAIVE\"", "decision == \"Late fee outcome\", value == \"WAIVE\"")));
        assertEquals("rules/late-fee.drl", error.file());
        assertTrue(error.line() > 0);
        assertTrue(error.message().contains("'Late fee outcome'") && error.message().contains("never matches"), error.message());
        // Renaming the decision in the table, not in the rules, is caught from the other side.
        List<RuleFileError> renamed = refused(PolicyCopy.create().replace("dmn/late-fee-waiver.dmn", "name=\"Late Fee Outcome\"",
                "name=\"Late Fee Result\""));
        assertTrue(renamed.stream().allMatch(e -> e.file().equals("rules/late-fee.drl")) && renamed.size() >= 3, renamed.toString());
    }

    @Test
    void aSettingThatIsNotOneOrThatNoRuleReadsIsRefused() {
        RuleFileError unknown = only(refused(PolicyCopy.create().replace("rules/settings.json", "\"graceDays\": 5,",
                "\"graceDays\": 5,\n  \"graceDay\": 3,")));
        assertEquals("rules/settings.json", unknown.file());
        assertEquals(11, unknown.line());
        assertTrue(unknown.message().contains("'graceDay' is not a setting"), unknown.message());

        PolicyCopy withoutPartialPayments = PolicyCopy.create();
        try {
            Files.delete(withoutPartialPayments.rules.resolve("partial-payment.drl"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        RuleFileError unread = only(refused(withoutPartialPayments));
        assertEquals("rules/settings.json", unread.file());
        assertEquals(9, unread.line());
        assertTrue(unread.message().contains("'stopOnPartialPayment' is read by no rule"), unread.message());
    }

    @Test
    void aTableReadingASettingThatIsNotDefinedIsRefused() {
        RuleFileError error = only(refused(PolicyCopy.create().replace("dmn/escalation.dmn", "settings.overdue.final</text>",
                "settings.overdue.fnal</text>")));
        assertEquals("dmn/escalation.dmn", error.file());
        assertTrue(error.line() > 5, error.toString());
        assertTrue(error.message().contains("settings.overdue.fnal"), error.message());
    }

    @Test
    void aTableInputThatIsNoFactIsRefused() {
        // A model consistent in itself (the validator finds nothing), whose input the engine never supplies.
        PolicyCopy copy = PolicyCopy.create();
        try {
            java.nio.file.Path dmn = copy.dmn.resolve("escalation.dmn");
            Files.writeString(dmn, Files.readString(dmn).replace("daysOverdue", "daysLate"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        List<RuleFileError> errors = refused(copy);
        assertTrue(errors.stream().anyMatch(e -> e.file().equals("dmn/escalation.dmn") && e.line() > 0
                && e.message().contains("'daysLate' is not a fact")), errors.toString());
    }
}
