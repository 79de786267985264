package app.dunwell.ruleset;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static app.dunwell.TestKeys.withBootstrapKey;
import static app.dunwell.ruleset.HotReloadTest.decide;
import static app.dunwell.ruleset.HotReloadTest.waitFor;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * A shadow candidate (the same policy without late fees) decides every live decision beside the live ruleset; the
 * differences are counted by action type with examples, and nothing of it is acted on.
 */
@QuarkusTest
@TestProfile(HotReloadTest.MountedPolicy.class)
class ShadowRulesetTest {
    private static final String TWENTY_DAYS_OVERDUE = """
            {"asOf":"2026-03-22T15:00:00Z","center":{"timezone":"America/New_York"},
             "family":{"contact":{"email":"a@example.org","preferredChannel":"EMAIL"}},
             "invoice":{"id":"INV-SHADOW","dueOn":"2026-03-02","balance":"850.00"}}""";

    @Test
    void everyLiveDecisionIsDecidedByTheShadowTooAndOnlyCounted() throws Exception {
        String shadowVersion = waitFor(() -> withBootstrapKey().get("/api/v1/ruleset/shadow").then().extract().path("shadowVersion"));
        long before = withBootstrapKey().get("/api/v1/ruleset/shadow").then().statusCode(200).extract().jsonPath().getLong("report.replayed");
        for (int i = 0; i < 5; i++) {
            // The live answer keeps its fee: the shadow decides nothing that is acted on.
            decide(TWENTY_DAYS_OVERDUE).then().statusCode(200).body("actions.type", hasItem("ASSESS_LATE_FEE"))
                    .body("rulesetVersion", not(equalTo(shadowVersion)));
        }
        Map<String, Object> report = waitFor(() -> {
            Map<String, Object> r = withBootstrapKey().get("/api/v1/ruleset/shadow").then().statusCode(200).extract().path("report");
            return ((Number) r.get("replayed")).longValue() >= before + 5 ? r : null;
        });
        withBootstrapKey().get("/api/v1/ruleset/shadow").then().statusCode(200)
                .body("shadowVersion", equalTo(shadowVersion))
                .body("report.candidateVersion", equalTo(shadowVersion))
                .body("report.byActionType.ASSESS_LATE_FEE.removed", greaterThanOrEqualTo(5))
                .body("report.examples[0].before.actions.type", hasItem("ASSESS_LATE_FEE"))
                .body("report.examples[0].after.actions.type", not(hasItem("ASSESS_LATE_FEE")))
                .body("dropped", equalTo(0));
        assertNotEquals(shadowVersion, report.get("activeVersion"));
    }
}
