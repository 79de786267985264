package app.dunwell.access;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static app.dunwell.TestKeys.withBootstrapKey;
import static app.dunwell.TestKeys.withKey;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/** A deployment that sets {@code dunwell.auth.open-decisions=false} (as k8s/ does) answers decisions to keys only. */
@QuarkusTest
@TestProfile(KeysRequiredForDecisionsTest.KeysRequired.class)
class KeysRequiredForDecisionsTest {
    public static class KeysRequired implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("dunwell.auth.open-decisions", "false");
        }
    }

    private static final String REQUEST = """
            {"asOf":"2026-03-09T15:00:00Z","center":{"timezone":"America/New_York"},
             "invoice":{"id":"INV-1","dueOn":"2026-03-02","total":"100.00","balance":"100.00"},"family":{"id":"fam-1"}}""";

    @Test
    void aDecisionNeedsAKeyWithARoleThatMayAskForOne() {
        given().contentType(ContentType.JSON).body(REQUEST).post("/api/v1/decisions").then().statusCode(401)
                .contentType("application/problem+json");
        withBootstrapKey().contentType(ContentType.JSON).body(REQUEST).post("/api/v1/decisions").then().statusCode(200)
                .body("invoiceId", equalTo("INV-1"));

        String center = "ctr-keys-" + UUID.randomUUID().toString().substring(0, 8);
        String admin = withBootstrapKey().contentType(ContentType.JSON).body(Map.of("id", center)).post("/api/v1/centers")
                .then().statusCode(201).extract().path("adminKey.key");
        String platform = withKey(admin).contentType(ContentType.JSON).body(Map.of("name", "platform", "roles", List.of("integration")))
                .post("/api/v1/keys").then().statusCode(201).extract().path("key");
        String director = withKey(admin).contentType(ContentType.JSON).body(Map.of("name", "director", "roles", List.of("approver")))
                .post("/api/v1/keys").then().statusCode(201).extract().path("key");
        withKey(platform).contentType(ContentType.JSON).body(REQUEST).post("/api/v1/decisions").then().statusCode(200);
        withKey(director).contentType(ContentType.JSON).body(REQUEST).post("/api/v1/decisions").then().statusCode(403)
                .contentType("application/problem+json");
    }
}
