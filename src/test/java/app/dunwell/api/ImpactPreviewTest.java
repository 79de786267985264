package app.dunwell.api;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static app.dunwell.TestKeys.withBootstrapKey;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;

/** Stored decisions and the impact preview: a known threshold change alters exactly the decisions it should. */
@QuarkusTest
class ImpactPreviewTest {

    /** This run's own center, so that decisions other tests store in the same period do not count. */
    private static final String CENTER = "ctr-preview-" + java.util.UUID.randomUUID();

    /** An invoice {@code days} overdue on 2026-03-09 (a Monday), already past its notice so only the fee can change. */
    private static String overdue(int days) {
        LocalDate due = LocalDate.of(2026, 3, 9).minusDays(days);
        return """
                {"asOf":"2026-03-09T15:00:00Z","center":{"id":"%s","timezone":"America/New_York"},
                 "family":{"contact":{"email":"a@example.org","preferredChannel":"EMAIL"}},
                 "invoice":{"id":"INV-D%d","dueOn":"%s","balance":"850.00","status":"FIRST"},
                 "history":{"contacts":[{"at":"2026-03-01T15:00:00Z","channel":"EMAIL","invoiceId":"INV-D%d","kind":"OVERDUE_FIRST"}]}}"""
                .formatted(CENTER, days, due, days);
    }

    @Test
    void aLongerGracePeriodRemovesTheFeeFromExactlyTheDecisionsInsideIt() throws Exception {
        Instant from = Instant.now();
        List<String> ids = new ArrayList<>();
        for (int days = 4; days <= 11; days++) {
            ids.add(withBootstrapKey().contentType(ContentType.JSON).body(overdue(days)).post("/api/v1/decisions")
                    .then().statusCode(200).extract().path("decisionId"));
        }
        String settings = Files.readString(Path.of("rules/settings.json")).replace("\"graceDays\": 5", "\"graceDays\": 8");

        // graceDays 5 -> 8: days 6, 7 and 8 lose their fee; 4 and 5 had none; 9, 10 and 11 keep it.
        withBootstrapKey().contentType(ContentType.JSON)
                .body(Map.of("files", Map.of("rules/settings.json", settings), "from", from.toString(), "centerId", CENTER))
                .when().post("/api/v1/ruleset/preview")
                .then().statusCode(200)
                .body("replayed", equalTo(8))
                .body("changed", equalTo(3))
                .body("unchanged", equalTo(5))
                .body("failed", equalTo(0))
                .body("byActionType.ASSESS_LATE_FEE.removed", equalTo(3))
                .body("byActionType.ASSESS_LATE_FEE.added", equalTo(0))
                .body("examples.invoiceId", containsInAnyOrder("INV-D6", "INV-D7", "INV-D8"))
                .body("examples.decisionId", containsInAnyOrder(ids.get(2), ids.get(3), ids.get(4)))
                .body("candidateVersion", matchesPattern("sha256:[0-9a-f]{64}"));
    }

    @Test
    void suppliedRequestsCanBeReplayedToo() throws Exception {
        String settings = Files.readString(Path.of("rules/settings.json")).replace("\"graceDays\": 5", "\"graceDays\": 8");
        String body = "{\"files\":{\"rules/settings.json\":" + new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(settings)
                + "},\"requests\":[" + overdue(7) + "," + overdue(9) + "]}";
        withBootstrapKey().contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/ruleset/preview")
                .then().statusCode(200)
                .body("replayed", equalTo(2))
                .body("changed", equalTo(1))
                .body("examples[0].invoiceId", equalTo("INV-D7"));
    }

    @Test
    void aBrokenCandidateIsRefusedAsAProblem() throws Exception {
        String drl = Files.readString(Path.of("rules/late-fee.drl")).replace("then", "than");
        withBootstrapKey().contentType(ContentType.JSON)
                .body(Map.of("files", Map.of("rules/late-fee.drl", drl), "from", "2026-01-01T00:00:00Z"))
                .when().post("/api/v1/ruleset/preview")
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("errors[0].field", matchesPattern("rules/late-fee.drl:\\d+"));
    }

    @Test
    void aPeriodOrRequestsAreRequired() {
        withBootstrapKey().contentType(ContentType.JSON).body("{\"files\":{\"rules/settings.json\":\"{}\"}}")
                .when().post("/api/v1/ruleset/preview")
                .then().statusCode(400)
                .body("errors[0].field", equalTo("from"));
        withBootstrapKey().contentType(ContentType.JSON).body("{\"files\":{\"rules/settings.json\":\"{}\"},\"from\":\"last week\"}")
                .when().post("/api/v1/ruleset/preview")
                .then().statusCode(400)
                .body("errors[0].field", equalTo("from"));
    }

    @Test
    void aStoredDecisionCanBeReadBackWithItsRequestAnswerAndTrace() {
        String id = withBootstrapKey().contentType(ContentType.JSON).body(overdue(7)).post("/api/v1/decisions")
                .then().statusCode(200).extract().path("decisionId");
        withBootstrapKey().when().get("/api/v1/decisions/" + id)
                .then().statusCode(200)
                .body("id", equalTo(id))
                .body("request.invoice.id", equalTo("INV-D7"))
                .body("answer.actions.type", containsInAnyOrder("ASSESS_LATE_FEE"))
                .body("answer.trace.find { it.rule == 'late fee: assessed' }.source", equalTo("rules/late-fee.drl"))
                .body("rulesetVersion", notNullValue());
        withBootstrapKey().when().get("/api/v1/decisions/00000000-0000-0000-0000-000000000000")
                .then().statusCode(404).contentType("application/problem+json");
        withBootstrapKey().when().get("/api/v1/decisions/not-a-uuid")
                .then().statusCode(400).body("errors[0].field", equalTo("id"));
    }
}
