package app.dunwell.ruleset;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Rule files are compiled and validated before they may serve; errors name file, line and message. */
class RulesetCompilerTest {

    @Test
    void theShippedPolicyCompilesAndItsVersionIsAContentHash() {
        PolicyCopy copy = PolicyCopy.create();
        CompiledRuleset ruleset = RulesetCompiler.compile(copy.files(), Instant.now());
        assertTrue(ruleset.version().matches("sha256:[0-9a-f]{64}"));
        assertEquals(ruleset.version(), PolicyCopy.create().files().version(), "same content, same version");
        copy.replace("rules/settings.json", "\"graceDays\": 5", "\"graceDays\": 6");
        assertNotEquals(ruleset.version(), copy.files().version(), "a changed number is a new version");
    }

    @Test
    void aBrokenDrlIsRejectedWithItsFileAndLine() {
        PolicyCopy copy = PolicyCopy.create().replace("rules/late-fee.drl",
                "InvoiceCase( lateFeeAssessed == false, daysOverdue > $grace, balance >= $min )",
                "InvoiceCase( lateFeeAssessed == false, daysOverdue >> $grace, balance >= $min )");
        RulesetRejectedException e = assertThrows(RulesetRejectedException.class,
                () -> RulesetCompiler.compile(copy.files(), Instant.now()));
        RuleFileError error = e.errors().get(0);
        assertEquals("rules/late-fee.drl", error.file());
        assertTrue(error.line() > 0, "line number given: " + error);
        assertTrue(!error.message().isBlank());
    }

    @Test
    void aDrlThatUsesAnUnknownFactIsRejected() {
        PolicyCopy copy = PolicyCopy.create().write("rules/extra.drl", """
                package rules;

                rule "uses a fact nobody defined"
                when
                    NoSuchFact( amount > 3 )
                then
                end
                """);
        RulesetRejectedException e = assertThrows(RulesetRejectedException.class,
                () -> RulesetCompiler.compile(copy.files(), Instant.now()));
        assertEquals("rules/extra.drl", e.errors().get(0).file());
        assertEquals(5, e.errors().get(0).line(), e.errors().toString());
    }

    @Test
    void aDmnThatIsNotValidXmlIsRejected() {
        PolicyCopy copy = PolicyCopy.create().replace("dmn/escalation.dmn", "</decisionTable>", "</decisionTabel>");
        RulesetRejectedException e = assertThrows(RulesetRejectedException.class,
                () -> RulesetCompiler.compile(copy.files(), Instant.now()));
        assertTrue(e.errors().stream().anyMatch(err -> err.file().equals("dmn/escalation.dmn")), e.errors().toString());
    }

    @Test
    void aDmnWithABrokenFeelExpressionIsRejectedNotSilentlySkipped() {
        PolicyCopy copy = PolicyCopy.create().replace("dmn/escalation.dmn",
                "daysOverdue &gt;= settings.overdue.second", "daysOverdue &gt;= = settings.overdue.second +");
        RulesetRejectedException e = assertThrows(RulesetRejectedException.class,
                () -> RulesetCompiler.compile(copy.files(), Instant.now()));
        RuleFileError error = e.errors().stream().filter(err -> err.file().equals("dmn/escalation.dmn")).findFirst()
                .orElseThrow(() -> new AssertionError(e.errors().toString()));
        assertTrue(error.line() > 0, "line number given: " + error);
    }

    @Test
    void overlappingRowsInADecisionTableAreRejected() {
        PolicyCopy copy = PolicyCopy.create().replace("dmn/late-fee-waiver.dmn",
                "<inputEntry id=\"good_history_1\"><text>false</text></inputEntry>",
                "<inputEntry id=\"good_history_1\"><text>-</text></inputEntry>");
        RulesetRejectedException e = assertThrows(RulesetRejectedException.class,
                () -> RulesetCompiler.compile(copy.files(), Instant.now()));
        assertTrue(e.errors().stream().anyMatch(err -> err.file().equals("dmn/late-fee-waiver.dmn")
                && err.message().contains("Overlap") && err.line() > 0), e.errors().toString());
    }

    @Test
    void aGapInADecisionTableIsReportedAsAWarning() {
        PolicyCopy copy = PolicyCopy.create()
                .replace("dmn/escalation.dmn", "<rule id=\"row_none\">", "<!-- <rule id=\"row_none\">")
                .replace("dmn/escalation.dmn", "<text>\"UNPAID\"</text></outputEntry>\n      </rule>",
                        "<text>\"UNPAID\"</text></outputEntry>\n      </rule> -->");
        CompiledRuleset ruleset = RulesetCompiler.compile(copy.files(), Instant.now());
        assertTrue(ruleset.warnings().stream().anyMatch(w -> w.file().equals("dmn/escalation.dmn") && w.message().contains("Gap")),
                ruleset.warnings().toString());
        assertEquals(java.util.List.of(), RulesetCompiler.compile(PolicyCopy.create().files(), Instant.now()).warnings(),
                "the shipped tables are complete and do not overlap");
    }

    @Test
    void settingsWithAWrongValueAreRejected() {
        PolicyCopy copy = PolicyCopy.create().replace("rules/settings.json", "\"graceDays\": 5", "\"graceDays\": \"five\"");
        RulesetRejectedException e = assertThrows(RulesetRejectedException.class,
                () -> RulesetCompiler.compile(copy.files(), Instant.now()));
        assertEquals("rules/settings.json", e.errors().get(0).file());
        assertTrue(e.errors().get(0).message().contains("graceDays"), e.errors().toString());
    }

    @Test
    void settingsWithoutAKeyAreRejected() {
        PolicyCopy copy = PolicyCopy.create().replace("rules/settings.json", "\"replyWindowDays\": 14", "\"replyWindow\": 14");
        RulesetRejectedException e = assertThrows(RulesetRejectedException.class,
                () -> RulesetCompiler.compile(copy.files(), Instant.now()));
        assertTrue(e.errors().get(0).message().contains("replyWindowDays"), e.errors().toString());
    }
}
