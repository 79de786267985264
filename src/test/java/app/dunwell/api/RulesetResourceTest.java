package app.dunwell.api;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static app.dunwell.TestKeys.withBootstrapKey;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

/** Validating candidate files over HTTP: compile errors with their line, and the analysts' scenarios run against them. */
@QuarkusTest
class RulesetResourceTest {

    @Test
    void theShippedPolicyValidatesWithAllItsScenarios() throws Exception {
        String settings = Files.readString(Path.of("rules/settings.json"));
        withBootstrapKey().contentType(ContentType.JSON).body(Map.of("files", Map.of("rules/settings.json", settings)))
                .when().post("/api/v1/ruleset/validate")
                .then().statusCode(200)
                .body("valid", equalTo(true))
                .body("scenariosFailed", equalTo(0))
                .body("scenariosPassed", greaterThan(30))
                .body("scenarios.passed", everyItem(equalTo(true)));
    }

    @Test
    void aBrokenCandidateIsReportedWithFileAndLine() throws Exception {
        String drl = Files.readString(Path.of("rules/late-fee.drl")).replace("daysOverdue > $grace", "daysOverdue >>> $grace");
        withBootstrapKey().contentType(ContentType.JSON).body(Map.of("files", Map.of("rules/late-fee.drl", drl)))
                .when().post("/api/v1/ruleset/validate")
                .then().statusCode(200)
                .body("valid", equalTo(false))
                .body("errors[0].file", equalTo("rules/late-fee.drl"))
                .body("errors[0].line", greaterThan(0));
    }

    @Test
    void aChangedGracePeriodFailsTheScenariosThatAssumedTheOldOneAndPassesANewOne() throws Exception {
        String settings = Files.readString(Path.of("rules/settings.json")).replace("\"graceDays\": 5", "\"graceDays\": 7");
        String scenario = """
                {"request": {"asOf":"2026-03-09T15:00:00Z","center":{"timezone":"America/New_York"},
                  "family":{"contact":{"email":"a@example.org","preferredChannel":"EMAIL"}},
                  "invoice":{"id":"INV-1","dueOn":"2026-03-02","balance":"850.00"}},
                 "expect": {"status":{"from":"UNPAID","to":"FIRST"},
                  "actions":[{"type":"SEND_REMINDER","kind":"OVERDUE_FIRST","channel":"EMAIL"}]}}""";
        withBootstrapKey().contentType(ContentType.JSON)
                .body(Map.of("files", Map.of("rules/settings.json", settings, "rules/tests/late-fee--seven-grace-days.json", scenario)))
                .when().post("/api/v1/ruleset/validate")
                .then().statusCode(200)
                .body("valid", equalTo(false))
                .body("scenarios.find { it.name == 'late-fee--seven-grace-days.json' }.passed", equalTo(true))
                .body("scenarios.findAll { !it.passed }.name", hasItem("late-fee--grace-day-6-fee.json"));
    }

    @Test
    void candidateFilesMustBeRuleFiles() {
        withBootstrapKey().contentType(ContentType.JSON).body(Map.of("files", Map.of("etc/passwd", "x")))
                .when().post("/api/v1/ruleset/validate")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("files.etc/passwd"));
        withBootstrapKey().contentType(ContentType.JSON).body("{\"files\": 3}")
                .when().post("/api/v1/ruleset/validate")
                .then().statusCode(400)
                .body("errors[0].field", equalTo("files"));
        withBootstrapKey().contentType(ContentType.JSON).body("{}")
                .when().post("/api/v1/ruleset/validate")
                .then().statusCode(400)
                .body("errors[0].field", equalTo("files"));
    }

    @Test
    void theActiveRulesetIsDescribed() {
        withBootstrapKey().when().get("/api/v1/ruleset")
                .then().statusCode(200)
                .body("version", startsWith("sha256:"))
                .body("files.name", hasItem("dmn/late-fee-waiver.dmn"));
    }
}
