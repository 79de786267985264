package app.dunwell.ruleset;

import app.dunwell.SignedEvents;
import app.dunwell.run.EvaluationRuns;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static app.dunwell.TestKeys.withBootstrapKey;
import static app.dunwell.ruleset.HotReloadTest.activeVersion;
import static app.dunwell.ruleset.HotReloadTest.decide;
import static app.dunwell.ruleset.HotReloadTest.replace;
import static app.dunwell.ruleset.HotReloadTest.swapMount;
import static app.dunwell.ruleset.HotReloadTest.waitFor;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every ruleset that served is kept with its files; a decision is replayed under its own version; a run decides every
 * invoice with the version it started with, also when the policy is reloaded in the middle of it.
 */
@QuarkusTest
@TestProfile(HotReloadTest.MountedPolicy.class)
class RulesetHistoryTest {
    @Inject
    EvaluationRuns runs;

    @Test
    void decisionsReplayUnderTheirOwnVersionAndRunsKeepTheOneTheyStartedWith() throws Exception {
        // A center with an invoice 7 days overdue, and a run opened (not yet worked) under the serving version.
        String center = "history-" + UUID.randomUUID().toString().substring(0, 8);
        String secret = withBootstrapKey().contentType(ContentType.JSON).body(Map.of("id", center, "timezone", "America/New_York"))
                .post("/api/v1/centers").then().statusCode(201).extract().path("webhookSecret");
        new SignedEvents(center, secret).send("invoice.created", Map.of("invoiceId", "INV-7", "familyId", "fam-7",
                "issuedOn", "2026-02-01", "dueOn", "2026-03-02", "total", "850.00"));
        String before = activeVersion();
        UUID run = runs.open(center, Instant.parse("2026-03-09T15:00:00Z"), true, center + ":dry:pinned");
        String decided = decide(HotReloadTest.SEVEN_DAYS_OVERDUE).then().statusCode(200).extract().path("decisionId");

        // The policy changes so that day 7 flips: a fee where there was none, or none where there was one.
        String graceNow = java.nio.file.Files.readString(HotReloadTest.ROOT.resolve("rules/settings.json"))
                .replaceAll("(?s).*\"graceDays\": (\\d+).*", "$1");
        boolean feeBefore = Integer.parseInt(graceNow) < 7;
        String graceAfter = feeBefore ? "8" : "5";
        swapMount(dir -> replace(dir.resolve("rules/settings.json"), "\"graceDays\": " + graceNow, "\"graceDays\": " + graceAfter));
        String after = waitFor(() -> activeVersion().equals(before) ? null : activeVersion());
        String now = decide(HotReloadTest.SEVEN_DAYS_OVERDUE).asString();
        assertTrue(now.contains(after) && now.contains("ASSESS_LATE_FEE") != feeBefore, now);

        // The run works after the reload, and decides with the version it opened with.
        runs.workInParallel(run);
        withBootstrapKey().get("/api/v1/runs/" + run).then().statusCode(200)
                .body("rulesetVersion", equalTo(before)).body("done", equalTo(1));
        List<Map<String, Object>> timeline = withBootstrapKey().get("/api/v1/invoices/INV-7/timeline?centerId=" + center)
                .then().statusCode(200).extract().path("findAll { it.type == 'DECISION' }.details");
        assertEquals(before, timeline.get(0).get("rulesetVersion"));

        // The history lists both versions; the old one served until the new one came.
        withBootstrapKey().get("/api/v1/ruleset/history").then().statusCode(200)
                .body("version", hasItem(before)).body("version", hasItem(after))
                .body("find { it.version == '" + before + "' }.servedUntil", notNullValue())
                .body("find { it.version == '" + after + "' }.fileHashes.'rules/settings.json'", org.hamcrest.Matchers.startsWith("sha256:"));
        String settingsThen = withBootstrapKey().get("/api/v1/ruleset/history/" + before).then().statusCode(200)
                .extract().path("files.'rules/settings.json'");
        assertTrue(settingsThen.contains("\"graceDays\": " + graceNow), settingsThen);
        withBootstrapKey().get("/api/v1/ruleset/history/sha256:" + "0".repeat(64)).then().statusCode(404);
        withBootstrapKey().get("/api/v1/ruleset/history/latest").then().statusCode(400).body("errors[0].field", equalTo("version"));

        // The decision made before the change replays under its own version, to the same answer (fee as then, not as now).
        List<String> replayed = withBootstrapKey().get("/api/v1/decisions/" + decided + "/replay").then().statusCode(200)
                .body("rulesetVersion", equalTo(before))
                .body("same", equalTo(true))
                .body("differences.size()", equalTo(0))
                .extract().path("replayed.actions.type");
        assertEquals(feeBefore, replayed.contains("ASSESS_LATE_FEE"), replayed.toString());
        assertNotEquals(before, after);
    }
}
