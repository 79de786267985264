package app.dunwell.access;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static app.dunwell.TestKeys.withBootstrapKey;
import static app.dunwell.TestKeys.withKey;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A caller over its limit gets 429 with Retry-After; other keys are not slowed by it; the bucket refills. */
@QuarkusTest
@TestProfile(RateLimitTest.Low.class)
class RateLimitTest {
    public static class Low implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // A token a second: 30 calls get at least 10 refusals as long as they take under 10 s, however slow the
            // machine (at 5 a second, a cold service answering in 200 ms a call was refused nothing).
            return Map.of("dunwell.rate-limit.per-key", "1", "dunwell.rate-limit.per-key-burst", "10",
                    "dunwell.rate-limit.per-address", "1", "dunwell.rate-limit.per-address-burst", "10");
        }
    }

    private static final String REQUEST = """
            {"asOf":"2026-03-09T15:00:00Z","invoice":{"id":"INV-1","dueOn":"2026-03-02","balance":"100.00"}}""";

    @Test
    void aKeyOverItsLimitIsAnswered429WithRetryAfterAndOthersGoOn() throws Exception {
        String center = "rl-" + System.nanoTime();
        String admin = withBootstrapKey().contentType(ContentType.JSON).body(Map.of("id", center)).post("/api/v1/centers")
                .then().statusCode(201).extract().path("adminKey.key");
        String other = withKey(admin).contentType(ContentType.JSON).body(Map.of("name", "other", "roles", List.of("integration")))
                .post("/api/v1/keys").then().statusCode(201).extract().path("key");
        List<Response> answers = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            answers.add(withKey(admin).get("/api/v1/centers/" + center));
        }
        List<Response> refused = answers.stream().filter(r -> r.statusCode() == 429).toList();
        assertTrue(refused.size() >= 10, "at most about 10 at once: " + answers.stream().map(Response::statusCode).toList());
        refused.get(0).then().contentType("application/problem+json").header("Retry-After", s -> Integer.parseInt(s) >= 1, org.hamcrest.Matchers.is(true));
        assertTrue(answers.stream().allMatch(r -> r.statusCode() == 200 || r.statusCode() == 429));
        // Another key of the same center is not slowed down.
        withKey(other).get("/api/v1/centers/" + center).then().statusCode(200);
        // The bucket refills.
        Thread.sleep(1500);
        withKey(admin).get("/api/v1/centers/" + center).then().statusCode(200);
    }

    @Test
    void callsWithoutAKeyAreLimitedPerAddress() {
        int limited = 0;
        for (int i = 0; i < 30; i++) {
            int status = given().contentType(ContentType.JSON).body(REQUEST).post("/api/v1/decisions").statusCode();
            assertTrue(status == 200 || status == 429, "status " + status);
            limited += status == 429 ? 1 : 0;
        }
        assertTrue(limited >= 10, limited + " of 30 refused");
        // The batch endpoint draws on the same bucket (a token may have refilled meanwhile: count, do not expect one answer).
        int batchLimited = 0;
        for (int i = 0; i < 30; i++) {
            int status = given().contentType(ContentType.JSON).body("{\"requests\":[" + REQUEST + "]}").post("/api/v1/decisions/batch").statusCode();
            assertTrue(status == 200 || status == 429, "status " + status);
            batchLimited += status == 429 ? 1 : 0;
        }
        assertTrue(batchLimited >= 15, batchLimited + " of 30 batches refused");
    }
}
