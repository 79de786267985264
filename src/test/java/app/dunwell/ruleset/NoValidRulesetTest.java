package app.dunwell.ruleset;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** A service started on a broken ruleset refuses it and answers decisions with 503. */
@QuarkusTest
@TestProfile(NoValidRulesetTest.BrokenPolicy.class)
class NoValidRulesetTest {

    public static class BrokenPolicy implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            PolicyCopy copy = PolicyCopy.create().replace("rules/pause.drl", "not PauseCause( rank < $rank )",
                    "not PauseCause( rank < $rank");
            return Map.of("dunwell.policy.rules-dir", copy.rules.toString(), "dunwell.policy.dmn-dir", copy.dmn.toString());
        }
    }

    @Test
    void decisionsAnswer503WithTheRejectedFile() {
        given().contentType(ContentType.JSON)
                .body("{\"asOf\":\"2026-03-09T15:00:00Z\",\"invoice\":{\"id\":\"I\",\"balance\":\"1.00\",\"dueOn\":\"2026-03-01\"}}")
                .when().post("/api/v1/decisions")
                .then().statusCode(503)
                .contentType("application/problem+json")
                .body("status", equalTo(503))
                .body("detail", containsString("rules/pause.drl"));
    }

    @Test
    void readinessIsDown() {
        given().when().get("/q/health/ready")
                .then().statusCode(503)
                .body("checks.find { it.name == 'ruleset' }.status", equalTo("DOWN"));
    }
}
