package app.dunwell.api;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static app.dunwell.TestKeys.withBootstrapKey;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The decision endpoint's answer: version, trace, determinism, OpenAPI and health around it. */
@QuarkusTest
class DecisionEndpointTest {
    private static final String FIRST_NOTICE = """
            {"asOf":"2026-03-09T15:00:00Z","center":{"id":"c","timezone":"America/New_York"},
             "family":{"contact":{"email":"a@example.org","preferredChannel":"EMAIL"}},
             "invoice":{"id":"INV-1","dueOn":"2026-03-02","balance":"850.00"}}""";

    @Test
    void everyDecisionCarriesTheRulesetVersionAndATraceWithFiles() {
        given().contentType(ContentType.JSON).body(FIRST_NOTICE)
                .when().post("/api/v1/decisions")
                .then().statusCode(200)
                .body("invoiceId", equalTo("INV-1"))
                .body("asOf", equalTo("2026-03-09T15:00:00Z"))
                .body("rulesetVersion", matchesPattern("sha256:[0-9a-f]{64}"))
                .body("trace.find { it.rule == 'Overdue Stage' }.source", equalTo("dmn/escalation.dmn"))
                .body("trace.find { it.rule == 'Overdue Stage' }.detail", equalTo("daysOverdue=7 -> FIRST (row 3)"))
                .body("trace.find { it.rule == 'Late Fee Outcome' }.source", equalTo("dmn/late-fee-waiver.dmn"))
                .body("trace.find { it.rule == 'late fee: assessed' }.source", equalTo("rules/late-fee.drl"))
                .body("trace.find { it.rule == 'progression: move up to the stage reached' }.source", equalTo("rules/progression.drl"))
                .body("trace.source", hasItem("rules/reminders.drl"));
    }

    @Test
    void theSameRequestGetsTheSameAnswer() {
        Map<String, Object> first = given().contentType(ContentType.JSON).body(FIRST_NOTICE)
                .post("/api/v1/decisions").then().statusCode(200).extract().as(Map.class);
        Map<String, Object> second = given().contentType(ContentType.JSON).body(FIRST_NOTICE)
                .post("/api/v1/decisions").then().statusCode(200).extract().as(Map.class);
        first.remove("decisionId");
        second.remove("decisionId");
        assertEquals(first, second);
    }

    @Test
    void theAnswerSentIsTheAnswerTheLogKeeps() {
        Map<String, Object> sent = withBootstrapKey().contentType(ContentType.JSON).body(FIRST_NOTICE)
                .post("/api/v1/decisions").then().statusCode(200).contentType(ContentType.JSON).extract().as(Map.class);
        Map<String, Object> kept = withBootstrapKey().get("/api/v1/decisions/" + sent.get("decisionId"))
                .then().statusCode(200).extract().path("answer");
        assertEquals(sent, kept);

        Map<String, Object> batch = withBootstrapKey().contentType(ContentType.JSON).body("{\"requests\":[" + FIRST_NOTICE + "]}")
                .post("/api/v1/decisions/batch").then().statusCode(200).extract().path("decisions[0]");
        assertEquals(batch, withBootstrapKey().get("/api/v1/decisions/" + batch.get("decisionId"))
                .then().statusCode(200).extract().path("answer"));
        batch.remove("decisionId");
        sent.remove("decisionId");
        assertEquals(sent, batch);
    }

    @Test
    void anOutOfScopeInvoiceGetsNothingAndSaysWhy() {
        given().contentType(ContentType.JSON).body(FIRST_NOTICE.replace("\"850.00\"", "\"0.00\""))
                .when().post("/api/v1/decisions")
                .then().statusCode(200)
                .body("status", nullValue())
                .body("actions", equalTo(List.of()))
                .body("suppressed", equalTo(List.of()))
                .body("trace.rule", equalTo(List.of("out-of-scope: nothing left to pay")));
    }

    @Test
    void openApiDescribesTheRequestAndResponse() {
        given().accept("application/json").when().get("/q/openapi")
                .then().statusCode(200)
                .body("paths.'/api/v1/decisions'.post.requestBody.content.'application/json'.schema.'$ref'",
                        equalTo("#/components/schemas/DecisionRequest"))
                .body("components.schemas.DecisionRequest.required", hasItem("asOf"))
                .body("components.schemas.Decision.properties.rulesetVersion.type", equalTo("string"))
                .body("components.schemas.Action.properties.notBefore.'$ref'", equalTo("#/components/schemas/Instant"))
                .body("components.schemas.Instant.format", equalTo("date-time"));
        given().when().get("/q/swagger-ui/").then().statusCode(200);
    }

    @Test
    void healthIsUpWithTheRulesetVersion() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'ruleset' }.data.version", matchesPattern("sha256:[0-9a-f]{64}"));
    }
}
