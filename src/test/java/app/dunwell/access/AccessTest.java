package app.dunwell.access;

import app.dunwell.SignedEvents;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static app.dunwell.TestKeys.withBootstrapKey;
import static app.dunwell.TestKeys.withKey;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * API keys per center with roles. Two centers: "ours" (whose keys we hold) and "theirs", which has an invoice, a run,
 * a decision, a key and a reminder waiting for approval. Ours may read or change nothing of theirs, on any endpoint.
 */
@QuarkusTest
class AccessTest {
    private static final String AS_OF = "2026-03-09T15:00:00Z";

    @Inject
    EntityManager em;

    private String ours;
    private String oursAdmin;
    private String theirs;
    private String theirsAdmin;
    private String theirRun;
    private String theirDecision;
    private String theirReminder;

    @BeforeEach
    void twoCenters() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        ours = "ctr-ours-" + suffix;
        oursAdmin = createCenter(ours).adminKey;
        theirs = "ctr-theirs-" + suffix;
        NewCenter their = createCenter(theirs);
        theirsAdmin = their.adminKey;
        SignedEvents events = new SignedEvents(theirs, their.webhookSecret);
        events.send("family.updated", Map.of("familyId", "fam-1", "firstName", "Ana", "email", "ana@example.org", "preferredChannel", "EMAIL"));
        events.send("invoice.created", Map.of("invoiceId", "INV-T", "familyId", "fam-1", "issuedOn", "2026-02-01", "dueOn", "2026-03-02",
                "total", "850.00"));
        theirRun = withKey(theirsAdmin).contentType(ContentType.JSON).body(Map.of("asOf", AS_OF)).post("/api/v1/runs")
                .then().statusCode(202).body("centerId", equalTo(theirs)).extract().path("id");
        waitUntilFinished(theirsAdmin, theirRun);
        theirDecision = withKey(theirsAdmin).get("/api/v1/invoices/INV-T/timeline").then().statusCode(200)
                .extract().path("find { it.type == 'DECISION' }.details.decisionId");
        theirReminder = withKey(theirsAdmin).get("/api/v1/approvals").then().statusCode(200).extract().path("[0].id");
    }

    record NewCenter(String adminKey, String webhookSecret) {
    }

    private NewCenter createCenter(String id) {
        var answer = withBootstrapKey().contentType(ContentType.JSON)
                .body(Map.of("id", id, "timezone", "America/New_York", "mode", "APPROVAL"))
                .post("/api/v1/centers").then().statusCode(201)
                .body("adminKey.roles", equalTo(List.of("ADMIN")))
                .body("adminKey.centerId", equalTo(id))
                .extract();
        return new NewCenter(answer.path("adminKey.key"), answer.path("webhookSecret"));
    }

    private void waitUntilFinished(String key, String runId) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (withKey(key).get("/api/v1/runs/" + runId).then().statusCode(200).extract().path("finishedAt") == null) {
            assertTrue(Instant.now().isBefore(deadline), "run did not finish");
            Thread.sleep(100);
        }
    }

    private String issue(String adminKey, String name, String... roles) {
        return withKey(adminKey).contentType(ContentType.JSON).body(Map.of("name", name, "roles", List.of(roles)))
                .post("/api/v1/keys").then().statusCode(201).extract().path("key");
    }

    private long count(String sql, String center) {
        return QuarkusTransaction.requiringNew().call(() ->
                ((Number) em.createNativeQuery(sql).setParameter(1, center).getSingleResult()).longValue());
    }

    /** The state of "theirs" that no call of ours may change. */
    private String theirState() {
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "select c.mode || ' ' || c.sending_paused"
                        + " || ' runs ' || (select count(*) from run where center_id = c.id)"
                        + " || ' decisions ' || (select count(*) from decision_record where center_id = c.id)"
                        + " || ' outbox ' || (select coalesce(string_agg(state, ',' order by state), '') from outbox where center_id = c.id)"
                        + " || ' keys ' || (select count(*) from api_key where center_id = c.id and revoked_at is null)"
                        + " from center c where c.id = ?1").setParameter(1, theirs).getSingleResult().toString());
    }

    private static void problem(ValidatableResponse response, int status) {
        response.statusCode(status).contentType("application/problem+json");
    }

    @Test
    void everyEndpointButHealthWebhooksAndDecisionsNeedsAKey() {
        String run = "/api/v1/runs/" + theirRun;
        List<List<String>> calls = List.of(
                List.of("POST", "/api/v1/centers", "{\"id\":\"ctr-x\"}"),
                List.of("GET", "/api/v1/centers/" + theirs, ""),
                List.of("PATCH", "/api/v1/centers/" + theirs, "{\"mode\":\"AUTO\"}"),
                List.of("POST", "/api/v1/centers/" + theirs + "/kill-switch", "{\"active\":true}"),
                List.of("POST", "/api/v1/kill-switch", "{\"active\":true}"),
                List.of("POST", "/api/v1/keys", "{\"name\":\"x\",\"roles\":[\"admin\"],\"centerId\":\"" + theirs + "\"}"),
                List.of("GET", "/api/v1/keys?centerId=" + theirs, ""),
                List.of("DELETE", "/api/v1/keys/" + UUID.randomUUID(), ""),
                List.of("POST", "/api/v1/runs", "{\"centerId\":\"" + theirs + "\"}"),
                List.of("GET", run, ""),
                List.of("GET", "/api/v1/approvals?centerId=" + theirs, ""),
                List.of("POST", "/api/v1/approvals/" + theirReminder + "/approve", ""),
                List.of("POST", "/api/v1/approvals/" + theirReminder + "/reject", ""),
                List.of("GET", "/api/v1/invoices/INV-T/timeline?centerId=" + theirs, ""),
                List.of("GET", "/api/v1/decisions/" + theirDecision, ""),
                List.of("GET", "/api/v1/ruleset", ""),
                List.of("POST", "/api/v1/ruleset/validate", "{\"files\":{\"rules/settings.json\":\"{}\"}}"),
                List.of("POST", "/api/v1/ruleset/preview", "{\"files\":{\"rules/settings.json\":\"{}\"},\"from\":\"2020-01-01T00:00:00Z\"}"),
                List.of("POST", "/api/v1/messages/preview", "{}"),
                List.of("POST", "/api/v1/replies/classify", "{\"text\":\"paid\"}"));
        String before = theirState();
        for (List<String> call : calls) {
            for (String authorization : new String[]{null, "Bearer dwk_not-a-key", "Basic dXNlcjpwYXNz"}) {
                var request = given().contentType(ContentType.JSON);
                if (authorization != null) {
                    request.header("Authorization", authorization);
                }
                if (!call.get(2).isEmpty()) {
                    request.body(call.get(2));
                }
                var response = request.request(call.get(0), call.get(1)).then();
                response.statusCode(401).contentType("application/problem+json").header("WWW-Authenticate", "Bearer");
            }
        }
        assertEquals(before, theirState(), "refused calls changed nothing");
        given().get("/q/health").then().statusCode(200);
        given().contentType(ContentType.JSON).header("Authorization", "Bearer dwk_not-a-key").body("{}").post("/api/v1/decisions")
                .then().statusCode(401);
    }

    @Test
    void aKeyOfOneCenterCanReadOrChangeNothingOfAnother() {
        String before = theirState();
        String theirIntegration = issue(theirsAdmin, "their platform", "integration");
        String theirKeyId = withKey(theirsAdmin).get("/api/v1/keys").then().statusCode(200)
                .extract().path("find { it.name == 'their platform' }.id");
        before = theirState();

        problem(withKey(oursAdmin).get("/api/v1/centers/" + theirs).then(), 403);
        problem(withKey(oursAdmin).contentType(ContentType.JSON).body(Map.of("mode", "AUTO")).patch("/api/v1/centers/" + theirs).then(), 403);
        problem(withKey(oursAdmin).contentType(ContentType.JSON).body(Map.of("active", true))
                .post("/api/v1/centers/" + theirs + "/kill-switch").then(), 403);
        problem(withKey(oursAdmin).contentType(ContentType.JSON).body(Map.of("active", true)).post("/api/v1/kill-switch").then(), 403);
        problem(withKey(oursAdmin).contentType(ContentType.JSON).body(Map.of("id", "ctr-new-" + ours)).post("/api/v1/centers").then(), 403);

        problem(withKey(oursAdmin).contentType(ContentType.JSON).body(Map.of("name", "x", "roles", List.of("admin"), "centerId", theirs))
                .post("/api/v1/keys").then(), 403);
        problem(withKey(oursAdmin).queryParam("centerId", theirs).get("/api/v1/keys").then(), 403);
        withKey(oursAdmin).get("/api/v1/keys").then().statusCode(200).body("centerId", everyItem(equalTo(ours)))
                .body("", everyItem(not(hasKey("key"))));
        problem(withKey(oursAdmin).delete("/api/v1/keys/" + theirKeyId).then(), 404);
        withKey(theirIntegration).get("/api/v1/runs/" + theirRun).then().statusCode(200);

        problem(withKey(oursAdmin).contentType(ContentType.JSON).body(Map.of("centerId", theirs, "asOf", AS_OF)).post("/api/v1/runs").then(), 403);
        problem(withKey(oursAdmin).get("/api/v1/runs/" + theirRun).then(), 404);

        problem(withKey(oursAdmin).queryParam("centerId", theirs).get("/api/v1/approvals").then(), 403);
        withKey(oursAdmin).get("/api/v1/approvals").then().statusCode(200).body("size()", equalTo(0));
        problem(withKey(oursAdmin).post("/api/v1/approvals/" + theirReminder + "/approve").then(), 404);
        problem(withKey(oursAdmin).post("/api/v1/approvals/" + theirReminder + "/reject").then(), 404);

        problem(withKey(oursAdmin).queryParam("centerId", theirs).get("/api/v1/invoices/INV-T/timeline").then(), 403);
        withKey(oursAdmin).get("/api/v1/invoices/INV-T/timeline").then().statusCode(200).body("size()", equalTo(0));
        problem(withKey(oursAdmin).get("/api/v1/decisions/" + theirDecision).then(), 404);
        problem(withKey(oursAdmin).contentType(ContentType.JSON).body(decisionFor(theirs)).post("/api/v1/decisions").then(), 403);

        problem(withKey(oursAdmin).contentType(ContentType.JSON).body(Map.of("settings", Map.of("graceDays", 8),
                "from", "2020-01-01T00:00:00Z", "centerId", theirs)).post("/api/v1/ruleset/preview").then(), 403);
        withKey(oursAdmin).contentType(ContentType.JSON).body(Map.of("settings", Map.of("graceDays", 8),
                "from", "2020-01-01T00:00:00Z")).post("/api/v1/ruleset/preview").then().statusCode(200)
                .body("replayed", equalTo(0));
        // Rule files are the whole installation's policy: no center's key submits them, not even its admin's.
        problem(withKey(oursAdmin).contentType(ContentType.JSON).body(Map.of("files", Map.of("rules/settings.json", settings()),
                "from", "2020-01-01T00:00:00Z")).post("/api/v1/ruleset/preview").then(), 403);
        problem(withKey(oursAdmin).contentType(ContentType.JSON).body(Map.of("kind", "OVERDUE_FIRST", "centerId", theirs))
                .post("/api/v1/messages/preview").then(), 403);

        assertEquals(before, theirState(), "nothing of theirs changed");
        withKey(theirsAdmin).get("/api/v1/decisions/" + theirDecision).then().statusCode(200).body("centerId", equalTo(theirs));
        withKey(theirsAdmin).contentType(ContentType.JSON).body(Map.of("settings", Map.of("graceDays", 8),
                "from", "2020-01-01T00:00:00Z")).post("/api/v1/ruleset/preview").then().statusCode(200).body("replayed", equalTo(1));
    }

    private static String settings() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("rules/settings.json"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String decisionFor(String center) {
        return """
                {"asOf":"2026-03-09T15:00:00Z","center":{"id":"%s","timezone":"America/New_York"},
                 "invoice":{"id":"INV-9","dueOn":"2026-03-02","total":"100.00","balance":"100.00","status":"UNPAID"},
                 "family":{"id":"fam-9"}}""".formatted(center);
    }

    @Test
    void rolesLimitWhatAKeyMayDo() {
        String integration = issue(oursAdmin, "billing platform", "integration");
        String analyst = issue(oursAdmin, "policy analyst", "analyst");
        String approver = issue(oursAdmin, "director", "approver");
        var runBody = Map.of("asOf", AS_OF);
        var dryRunBody = Map.of("asOf", AS_OF, "dryRun", true);
        var validate = Map.of("files", Map.of("rules/settings.json", "{}"));

        withKey(integration).contentType(ContentType.JSON).body(runBody).post("/api/v1/runs").then().statusCode(202);
        withKey(integration).contentType(ContentType.JSON).body(decisionFor(ours)).post("/api/v1/decisions").then().statusCode(200);
        problem(withKey(integration).get("/api/v1/approvals").then(), 403);
        problem(withKey(integration).contentType(ContentType.JSON).body(validate).post("/api/v1/ruleset/validate").then(), 403);
        problem(withKey(integration).get("/api/v1/keys").then(), 403);

        problem(withKey(analyst).contentType(ContentType.JSON).body(runBody).post("/api/v1/runs").then(), 403);
        withKey(analyst).contentType(ContentType.JSON).body(dryRunBody).post("/api/v1/runs").then().statusCode(202)
                .body("dryRun", equalTo(true));
        problem(withKey(analyst).contentType(ContentType.JSON).body(validate).post("/api/v1/ruleset/validate").then(), 403);
        problem(withKey(oursAdmin).contentType(ContentType.JSON).body(validate).post("/api/v1/ruleset/validate").then(), 403);
        problem(withKey(analyst).post("/api/v1/approvals/" + UUID.randomUUID() + "/approve").then(), 403);

        withKey(approver).get("/api/v1/approvals").then().statusCode(200);
        withKey(approver).get("/api/v1/invoices/INV-T/timeline").then().statusCode(200);
        problem(withKey(approver).contentType(ContentType.JSON).body(dryRunBody).post("/api/v1/runs").then(), 403);
        problem(withKey(approver).contentType(ContentType.JSON).body(decisionFor(ours)).post("/api/v1/decisions").then(), 403);

        for (String notAdmin : List.of(integration, analyst, approver)) {
            problem(withKey(notAdmin).contentType(ContentType.JSON).body(Map.of("mode", "AUTO")).patch("/api/v1/centers/" + ours).then(), 403);
            problem(withKey(notAdmin).contentType(ContentType.JSON).body(Map.of("active", true))
                    .post("/api/v1/centers/" + ours + "/kill-switch").then(), 403);
            problem(withKey(notAdmin).contentType(ContentType.JSON).body(Map.of("name", "mine", "roles", List.of("admin")))
                    .post("/api/v1/keys").then(), 403);
        }
        assertEquals("APPROVAL false", QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "select mode || ' ' || sending_paused from center where id = ?1").setParameter(1, ours).getSingleResult()));
        withKey(oursAdmin).contentType(ContentType.JSON).body(Map.of("mode", "AUTO")).patch("/api/v1/centers/" + ours)
                .then().statusCode(200).body("mode", equalTo("AUTO")).body("$", not(hasKey("webhookSecret")));
    }

    @Test
    void policyAuthorKeysBelongToTheInstallationAndActForNoCenter() {
        problem(withKey(oursAdmin).contentType(ContentType.JSON).body(Map.of("name", "author", "roles", List.of("policy-author")))
                .post("/api/v1/keys").then(), 403);
        problem(withBootstrapKey().contentType(ContentType.JSON).body(Map.of("name", "author", "roles", List.of("policy-author"),
                "centerId", ours)).post("/api/v1/keys").then().body("errors[0].field", equalTo("roles")), 400);
        problem(withBootstrapKey().contentType(ContentType.JSON).body(Map.of("name", "author", "roles", List.of("policy-author", "analyst")))
                .post("/api/v1/keys").then().body("errors[0].field", equalTo("roles")), 400);
        String author = withBootstrapKey().contentType(ContentType.JSON).body(Map.of("name", "policy team", "roles", List.of("policy-author")))
                .post("/api/v1/keys").then().statusCode(201).body("centerId", nullValue()).extract().path("key");
        withBootstrapKey().get("/api/v1/keys").then().statusCode(200).body("name", org.hamcrest.Matchers.hasItem("policy team"));

        withKey(author).get("/api/v1/ruleset").then().statusCode(200);
        withKey(author).contentType(ContentType.JSON).body(Map.of("files", Map.of("rules/settings.json", settings().replace(
                        "\"graceDays\": 5", "\"graceDays\": 6"))))
                .post("/api/v1/ruleset/validate").then().statusCode(200).body("valid", equalTo(false))
                .body("scenarios.findAll { !it.passed }.name", org.hamcrest.Matchers.hasItem("late-fee--grace-day-6-fee.json"));

        // It reads and changes nothing of any center.
        problem(withKey(author).get("/api/v1/centers/" + ours).then(), 403);
        problem(withKey(author).get("/api/v1/invoices/INV-T/timeline?centerId=" + ours).then(), 403);
        problem(withKey(author).contentType(ContentType.JSON).body(decisionFor(ours)).post("/api/v1/decisions").then(), 403);
        problem(withKey(author).contentType(ContentType.JSON).body(Map.of("asOf", AS_OF, "centerId", ours)).post("/api/v1/runs").then(), 403);
        problem(withKey(author).get("/api/v1/approvals?centerId=" + ours).then(), 403);
        problem(withKey(author).get("/api/v1/keys").then(), 403);
        problem(withKey(author).contentType(ContentType.JSON).body(Map.of("settings", Map.of("graceDays", 8), "centerId", ours,
                "from", "2020-01-01T00:00:00Z")).post("/api/v1/ruleset/preview").then(), 403);
    }

    @Test
    void changingACenterNamesTheFieldThatIsWrongAndChangesNothing() {
        String path = "/api/v1/centers/" + ours;
        problem(withKey(oursAdmin).contentType(ContentType.JSON).body(Map.of("mode", "SOMETIMES")).patch(path).then()
                .body("errors[0].field", equalTo("mode")), 400);
        problem(withKey(oursAdmin).contentType(ContentType.JSON).body(Map.of("mode", "AUTO", "timezone", "Mars/Olympus_Mons")).patch(path).then()
                .body("errors[0].field", equalTo("timezone")), 400);
        problem(withKey(oursAdmin).contentType(ContentType.JSON).body(Map.of("mode", "AUTO", "holidays", List.of("2026-02-30"))).patch(path).then()
                .body("errors[0].field", containsString("holidays")), 400);
        problem(withKey(oursAdmin).contentType(ContentType.JSON).body(Map.of("mode", "AUTO", "settings", Map.of("graceDays", -3))).patch(path).then()
                .body("errors[0].field", containsString("graceDays")), 400);
        problem(withKey(oursAdmin).contentType(ContentType.JSON).body("{\"mode\":").patch(path).then()
                .body("errors[0].field", equalTo("body")), 400);
        withKey(oursAdmin).get(path).then().statusCode(200).body("mode", equalTo("APPROVAL")).body("timezone", equalTo("America/New_York"))
                .body("holidays", equalTo(List.of())).body("settings", equalTo(Map.of()));
        problem(withBootstrapKey().contentType(ContentType.JSON).body(Map.of("mode", "AUTO")).patch("/api/v1/centers/no-such-center").then(), 404);
    }

    @Test
    void keysAreStoredHashedShownOnceAndRevocable() {
        String key = issue(oursAdmin, "old platform", "integration");
        assertTrue(key.startsWith("dwk_") && key.length() > 40, key);
        assertEquals(0, count("select count(*) from api_key where key_hash = ?1 or key_prefix = ?1 or cast(roles as text) = ?1", key));
        assertEquals(1, count("select count(*) from api_key where key_hash = ?1", ApiKeys.hash(key)));
        var listed = withKey(oursAdmin).get("/api/v1/keys").then().statusCode(200)
                .body("find { it.name == 'old platform' }.keyPrefix", equalTo(key.substring(0, 10)))
                .body("", everyItem(not(hasKey("key")))).extract();
        String id = listed.path("find { it.name == 'old platform' }.id");

        withKey(key).get("/api/v1/runs/" + UUID.randomUUID()).then().statusCode(404);
        withKey(oursAdmin).delete("/api/v1/keys/" + id).then().statusCode(204);
        withKey(key).get("/api/v1/runs/" + UUID.randomUUID()).then().statusCode(401)
                .body("detail", containsString("unknown or revoked"));
        withKey(oursAdmin).get("/api/v1/keys").then().body("find { it.name == 'old platform' }.revokedAt", not(equalTo(null)));

        problem(withKey(oursAdmin).contentType(ContentType.JSON).body(Map.of("roles", List.of("admin"))).post("/api/v1/keys").then()
                .body("errors[0].field", equalTo("name")), 400);
        problem(withKey(oursAdmin).contentType(ContentType.JSON).body(Map.of("name", "x", "roles", List.of("owner"))).post("/api/v1/keys").then()
                .body("errors[0].field", containsString("roles")), 400);
        problem(withKey(oursAdmin).contentType(ContentType.JSON).body(Map.of("name", "x", "roles", List.of())).post("/api/v1/keys").then()
                .body("errors[0].field", equalTo("roles")), 400);
        problem(withKey(oursAdmin).delete("/api/v1/keys/not-a-uuid").then().body("errors[0].field", equalTo("id")), 400);
        assertEquals(2, count("select count(*) from api_key where center_id = ?1", ours), "the first admin key and the revoked one");
    }

    @Test
    void theCenterComesFromTheKeyNeverFromTheRequest() {
        String integration = issue(oursAdmin, "billing platform", "integration");
        String run = withKey(integration).contentType(ContentType.JSON).body(Map.of("asOf", AS_OF, "dryRun", true))
                .post("/api/v1/runs").then().statusCode(202).extract().path("centerId");
        assertEquals(ours, run);

        String keyed = withKey(integration).contentType(ContentType.JSON).body(decisionFor(ours).replace("\"id\":\"" + ours + "\",", ""))
                .post("/api/v1/decisions").then().statusCode(200).extract().path("decisionId");
        withKey(integration).get("/api/v1/decisions/" + keyed).then().statusCode(200).body("centerId", equalTo(ours))
                .body("anonymous", equalTo(false));

        // Without a key, anyone may ask for a decision naming any center: it is kept in the log, attached to no center, so it
        // never shows in that center's timeline (it would read as a DECISION and a STATUS_CHANGE of the center's invoice).
        String anonymous = given().contentType(ContentType.JSON).body(decisionFor(ours).replace("INV-9", "INV-ANON"))
                .post("/api/v1/decisions").then().statusCode(200).body("status.to", equalTo("FIRST")).extract().path("decisionId");
        problem(withKey(integration).get("/api/v1/decisions/" + anonymous).then(), 404);
        withBootstrapKey().get("/api/v1/decisions/" + anonymous).then().statusCode(200).body("anonymous", equalTo(true))
                .body("centerId", nullValue());
        assertEquals(0, count("select count(*) from decision_record where center_id = ?1 and anonymous", ours));
        withKey(integration).get("/api/v1/invoices/INV-ANON/timeline").then().statusCode(200).body("size()", equalTo(0));
        withBootstrapKey().get("/api/v1/invoices/INV-ANON/timeline?centerId=" + ours).then().statusCode(200).body("size()", equalTo(0));

        problem(withBootstrapKey().contentType(ContentType.JSON).body(Map.of("asOf", AS_OF)).post("/api/v1/runs").then()
                .body("errors[0].field", equalTo("centerId")), 400);
    }
}
