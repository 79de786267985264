package app.dunwell.effects;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Set;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a center lets happen on its own: the pilot's split, and which effects wait for a person. */
class CenterGateTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static ObjectNode pilot(String json) throws Exception {
        return (ObjectNode) MAPPER.readTree(json);
    }

    @Test
    void aPercentPilotTakesAStableShareOfTheFamilies() throws Exception {
        ObjectNode tenPercent = pilot("{\"percent\": 10}");
        long in = IntStream.range(0, 10_000).filter(i -> CenterGate.inPilot(tenPercent, "fam-" + i)).count();
        assertTrue(in > 850 && in < 1150, in + " of 10,000 families in a 10% pilot");
        assertEquals(CenterGate.bucket("fam-42"), CenterGate.bucket("fam-42"), "the same family, the same place, every time");
        int bucket = CenterGate.bucket("fam-42");
        assertTrue(CenterGate.inPilot(pilot("{\"percent\": " + (bucket + 1) + "}"), "fam-42"));
        assertFalse(CenterGate.inPilot(pilot("{\"percent\": " + bucket + "}"), "fam-42"));
        assertTrue(CenterGate.inPilot(pilot("{}"), "anyone"), "no pilot: every family");
        assertTrue(CenterGate.inPilot(pilot("{\"families\": [\"fam-a\"], \"percent\": 0}"), "fam-a"), "named families are in");
        assertFalse(CenterGate.inPilot(pilot("{\"families\": [\"fam-a\"]}"), "fam-b"));
    }

    @Test
    void whatWaitsForAPerson() {
        CenterGate approval = new CenterGate("APPROVAL", Set.of(), null);
        assertTrue(approval.needsApproval("ASSESS_LATE_FEE", BigDecimal.TEN));
        assertTrue(approval.needsApproval("STATUS_TO_COLLECTIONS", BigDecimal.TEN));
        assertFalse(approval.needsApproval("STATUS_TO_FIRST", BigDecimal.TEN), "the ladder's first steps go on");
        assertFalse(approval.needsApproval("PAUSE_AUTOMATION", BigDecimal.TEN));
        CenterGate auto = new CenterGate("AUTO", Set.of("STATUS_CHANGE", "ADD_COMMENT"), new BigDecimal("1000.00"));
        assertTrue(auto.needsApproval("STATUS_TO_FIRST", BigDecimal.TEN));
        assertTrue(auto.needsApproval("ADD_COMMENT", BigDecimal.TEN));
        assertFalse(auto.needsApproval("ASSESS_LATE_FEE", BigDecimal.TEN));
        assertTrue(auto.needsApproval("ASSESS_LATE_FEE", new BigDecimal("1000.01")), "every effect of an invoice above the balance");
        assertFalse(auto.needsApproval("ASSESS_LATE_FEE", new BigDecimal("1000.00")));
    }
}
