package app.dunwell.ruleset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The scenario matcher judges every analyst's test, so it is tested itself: what passes, and what fails with which message. */
class ScenariosTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static final String DECISION = """
            {"status": {"from": "UNPAID", "to": "FIRST"},
             "actions": [
               {"type": "SEND_REMINDER", "kind": "OVERDUE_FIRST", "channel": "EMAIL", "notBefore": "2026-03-12T15:00:00Z"},
               {"type": "ASSESS_LATE_FEE", "amount": "25.00"}],
             "suppressed": [{"kind": "OVERDUE_FIRST", "channel": "SMS", "reason": "OPTED_OUT"}]}""";

    private static List<String> differences(String expect) throws Exception {
        return Scenarios.differences(MAPPER.readTree(expect), MAPPER.readTree(DECISION));
    }

    @Test
    void onlyTheFieldsGivenAreCompared_moneyAsDecimals_instantsAsInstants() throws Exception {
        assertEquals(List.of(), differences("""
                {"status": {"to": "FIRST"},
                 "actions": [{"type": "ASSESS_LATE_FEE", "amount": 25},
                             {"type": "SEND_REMINDER", "notBefore": "2026-03-12T11:00:00-04:00"}]}"""));
    }

    @Test
    void actionsAreTheCompleteList() throws Exception {
        List<String> missingOne = differences("""
                {"actions": [{"type": "ASSESS_LATE_FEE"}]}""");
        assertEquals(1, missingOne.size());
        assertEquals("actions: unexpected [{\"type\":\"SEND_REMINDER\",\"kind\":\"OVERDUE_FIRST\",\"channel\":\"EMAIL\","
                + "\"notBefore\":\"2026-03-12T15:00:00Z\"}]", missingOne.get(0));
        assertEquals("actions: missing [{\"type\":\"CREATE_TASK\"}]", differences("""
                {"actions": [{"type": "ASSESS_LATE_FEE"}, {"type": "SEND_REMINDER"}, {"type": "CREATE_TASK"}]}""").get(0));
        assertEquals(1, differences("""
                {"actions": [{"type": "ASSESS_LATE_FEE"}, {"type": "ASSESS_LATE_FEE"}]}""").size(), "one action cannot match two expectations");
        assertEquals(1, differences("""
                {"actions": [{"type": "ASSESS_LATE_FEE", "amount": "25.01"}, {"type": "SEND_REMINDER"}]}""").size());
    }

    @Test
    void aWrongStatusOrANullStatusIsADifference() throws Exception {
        assertEquals(1, differences("""
                {"status": {"from": "UNPAID", "to": "SECOND"}}""").size());
        assertEquals(1, differences("""
                {"status": null}""").size());
        assertEquals(List.of(), Scenarios.differences(MAPPER.readTree("{\"status\": null}"),
                MAPPER.readTree("{\"status\": null, \"actions\": []}")));
    }

    @Test
    void suppressedEntriesMustAppear_othersMayToo() throws Exception {
        assertEquals(List.of(), differences("""
                {"suppressed": [{"reason": "OPTED_OUT"}]}"""));
        assertEquals(List.of(), differences("""
                {"suppressed": []}"""), "an empty suppressed list asks for nothing");
        List<String> missing = differences("""
                {"suppressed": [{"kind": "OVERDUE_FIRST", "reason": "PAUSED"}]}""");
        assertEquals(1, missing.size());
        assertTrue(missing.get(0).startsWith("suppressed: missing"), missing.get(0));
    }

    @Test
    void suppressedExactlyIsTheCompleteList() throws Exception {
        assertEquals(List.of(), differences("""
                {"suppressedExactly": [{"channel": "SMS", "reason": "OPTED_OUT"}]}"""));
        List<String> none = differences("""
                {"suppressedExactly": []}""");
        assertEquals(1, none.size(), "[] means nothing is suppressed");
        assertTrue(none.get(0).startsWith("suppressed: unexpected [{\"kind\":\"OVERDUE_FIRST\""), none.get(0));
        assertEquals(1, differences("""
                {"suppressedExactly": [{"reason": "OPTED_OUT"}, {"reason": "PAUSED"}]}""").size());
        JsonNode clean = MAPPER.readTree("{\"status\": null, \"actions\": [], \"suppressed\": []}");
        assertEquals(List.of(), Scenarios.differences(MAPPER.readTree("{\"suppressedExactly\": []}"), clean));
    }
}
