package app.dunwell.api;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

/** {@code POST /api/v1/decisions/batch} as the contract describes it, with its error cases. */
@QuarkusTest
class DecisionBatchTest {
    private static String request(String invoiceId, String balance) {
        return """
                {"asOf":"2026-03-09T15:00:00Z","center":{"id":"c","timezone":"America/New_York"},
                 "family":{"contact":{"email":"a@example.org","preferredChannel":"EMAIL"}},
                 "invoice":{"id":"%s","dueOn":"2026-03-02","balance":%s}}""".formatted(invoiceId, balance);
    }

    private static String batch(List<String> requests) {
        return "{\"requests\": [" + String.join(",", requests) + "]}";
    }

    @Test
    void decidesEveryRequestInOrderWithOneRulesetVersion() {
        var answer = given().contentType(ContentType.JSON)
                .body(batch(List.of(request("INV-1", "\"850.00\""), request("INV-2", "\"0.00\""), request("INV-3", "100.5"))))
                .post("/api/v1/decisions/batch").then().statusCode(200)
                .body("decisions", hasSize(3))
                .body("decisions.invoiceId", equalTo(List.of("INV-1", "INV-2", "INV-3")))
                .body("decisions[0].status.to", equalTo("FIRST"))
                .body("decisions[1].status", equalTo(null))
                .body("decisions.decisionId", everyItem(notNullValue()))
                .body("decisions.rulesetVersion", everyItem(matchesPattern("sha256:[0-9a-f]{64}")))
                .extract().jsonPath();
        List<String> versions = answer.getList("decisions.rulesetVersion");
        org.junit.jupiter.api.Assertions.assertEquals(1, versions.stream().distinct().count(), "one ruleset version per batch");
        // Each decision is stored like a single one.
        given().get("/api/v1/decisions/" + answer.getString("decisions[0].decisionId")).then().statusCode(401);
    }

    @Test
    void anInvalidRequestGetsItsOwnErrorAndTheOthersAreDecided() {
        given().contentType(ContentType.JSON)
                .body(batch(List.of(request("INV-1", "\"850.00\""), request("INV-2", "\"-1.00\""), "42",
                        "{\"asOf\":\"2026-03-09T15:00:00Z\"}", request("INV-5", "\"10.00\""))))
                .post("/api/v1/decisions/batch").then().statusCode(200)
                .body("decisions", hasSize(5))
                .body("decisions[0].invoiceId", equalTo("INV-1"))
                .body("decisions[1].index", equalTo(1))
                .body("decisions[1].error.status", equalTo(400))
                .body("decisions[1].error.errors[0].field", equalTo("requests[1].invoice.balance"))
                .body("decisions[2].error.errors[0].field", equalTo("requests[2]"))
                .body("decisions[3].error.errors.field", equalTo(List.of("requests[3].invoice", "requests[3].invoice.id",
                        "requests[3].invoice.balance")))
                .body("decisions[4].invoiceId", equalTo("INV-5"));
    }

    @Test
    void aBodyThatIsNotABatchIsRefusedWhole() {
        problem(given().contentType(ContentType.JSON).body("{not json").post("/api/v1/decisions/batch"), 400, "body");
        problem(given().contentType(ContentType.JSON).body("{}").post("/api/v1/decisions/batch"), 400, "requests");
        problem(given().contentType(ContentType.JSON).body("{\"requests\": {}}").post("/api/v1/decisions/batch"), 400, "requests");
        problem(given().contentType(ContentType.JSON).body("{\"requests\": []}").post("/api/v1/decisions/batch"), 400, "requests");
        String one = request("INV-1", "\"850.00\"");
        problem(given().contentType(ContentType.JSON).body(batch(java.util.Collections.nCopies(1001, one)))
                .post("/api/v1/decisions/batch"), 400, "requests");
        given().contentType(ContentType.JSON).body(batch(java.util.Collections.nCopies(1000, one)))
                .post("/api/v1/decisions/batch").then().statusCode(200).body("decisions", hasSize(1000));
    }

    @Test
    void aBodyAbove16MiBIs413() {
        String padding = "x".repeat(16 * 1024 * 1024);
        given().contentType(ContentType.JSON).body("{\"pad\":\"" + padding + "\",\"requests\":[]}")
                .post("/api/v1/decisions/batch").then().statusCode(413).contentType("application/problem+json")
                .body("status", equalTo(413));
    }

    @Test
    void aCentersKeyMayNotDecideForAnotherCenterInABatch() {
        String center = "batch-" + System.nanoTime();
        String admin = given().header("Authorization", "Bearer test-bootstrap-key").contentType(ContentType.JSON)
                .body(Map.of("id", center, "timezone", "America/New_York")).post("/api/v1/centers")
                .then().statusCode(201).extract().path("adminKey.key");
        given().header("Authorization", "Bearer " + admin).contentType(ContentType.JSON)
                .body(batch(List.of(request("INV-1", "\"850.00\"").replace("\"id\":\"c\",", ""),
                        request("INV-2", "\"850.00\"").replace("\"id\":\"c\"", "\"id\":\"someone-else\""))))
                .post("/api/v1/decisions/batch").then().statusCode(200)
                .body("decisions[0].invoiceId", equalTo("INV-1"))
                .body("decisions[1].error.status", equalTo(403));
    }

    private static void problem(io.restassured.response.Response response, int status, String field) {
        response.then().statusCode(status).contentType("application/problem+json")
                .body("errors[0].field", startsWith(field));
    }
}
