package app.dunwell.tasks;

import app.dunwell.SignedEvents;
import app.dunwell.messaging.ReplyBenchmark;
import app.dunwell.run.EvaluationRuns;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static app.dunwell.TestKeys.withBootstrapKey;
import static app.dunwell.TestKeys.withKey;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The queue people work, over the API: tasks the policy created are listed with a reason, assigned and resolved; a
 * resolution sets what the policy reads next and is audited in the timeline; an unsure reply is labelled by a person, the
 * next decision acts on the label, and labelled replies are exported for the classifier's benchmark.
 */
@QuarkusTest
class TaskQueueTest {
    private static final Instant AS_OF = Instant.parse("2026-03-09T15:00:00Z");

    @Inject
    EvaluationRuns runs;
    @Inject
    EntityManager em;

    private String center;
    private SignedEvents events;
    private String approver;
    private String analyst;

    @BeforeEach
    void center() {
        center = "tq-" + UUID.randomUUID().toString().substring(0, 8);
        String secret = withBootstrapKey().contentType(ContentType.JSON)
                .body(Map.of("id", center, "timezone", "America/New_York", "mode", "AUTO"))
                .post("/api/v1/centers").then().statusCode(201).extract().path("webhookSecret");
        events = new SignedEvents(center, secret);
        approver = key("director", "approver");
        analyst = key("analyst", "analyst");
    }

    private String key(String name, String role) {
        return withBootstrapKey().contentType(ContentType.JSON).body(Map.of("name", name, "roles", List.of(role), "centerId", center))
                .post("/api/v1/keys").then().statusCode(201).extract().path("key");
    }

    private void familyWithOverdueInvoice(String family, String invoice, List<String> flags) {
        events.send("family.updated", Map.of("familyId", family, "firstName", "Ana", "email", family + "@example.org",
                "preferredChannel", "EMAIL", "flags", flags));
        // 17 days overdue on AS_OF.
        events.send("invoice.created", Map.of("invoiceId", invoice, "familyId", family, "issuedOn", "2026-01-20", "dueOn", "2026-02-20",
                "total", "1200.00"));
    }

    private void reply(String family, String invoice, String text, String at) {
        events.send("reply.received", Map.of("familyId", family, "invoiceId", invoice, "text", text, "channel", "EMAIL", "receivedAt", at));
    }

    private void run(Instant asOf, String key) {
        runs.workInParallel(runs.open(center, asOf, false, center + ":manual:" + key));
    }

    private JsonPath tasks(String query) {
        return withKey(approver).get("/api/v1/tasks" + query).then().statusCode(200).extract().jsonPath();
    }

    private List<Map<String, Object>> timeline(String invoice, String type) {
        List<Map<String, Object>> entries = withKey(approver).get("/api/v1/invoices/" + invoice + "/timeline").then().statusCode(200)
                .extract().jsonPath().getList("$");
        return entries.stream().filter(e -> type.equals(e.get("type"))).toList();
    }

    @SuppressWarnings("unchecked")
    private List<String> actionsOfLastDecision(String invoice) {
        List<Map<String, Object>> decisions = timeline(invoice, "DECISION");
        Map<String, Object> details = (Map<String, Object>) decisions.get(decisions.size() - 1).get("details");
        return ((List<Map<String, Object>>) details.get("actions")).stream()
                .map(a -> a.get("type") + (a.get("reason") == null ? "" : ":" + a.get("reason"))).toList();
    }

    private String flagsOf(String family) {
        return QuarkusTransaction.requiringNew().call(() -> (String) em.createNativeQuery(
                "select cast(flags as text) from family where center_id = ?1 and external_id = ?2")
                .setParameter(1, center).setParameter(2, family).getSingleResult());
    }

    @Test
    void aHardshipReviewIsListedWithItsReasonAssignedAndResolvedWithAPlanWhichTheNextDecisionReads() {
        familyWithOverdueInvoice("fam-h", "INV-H", List.of());
        reply("fam-h", "INV-H", "I lost my job last month and cannot pay this right now", "2026-03-08T14:00:00Z");
        run(AS_OF, "first");

        JsonPath open = tasks("?state=OPEN&type=HARDSHIP_REVIEW");
        assertEquals(1, open.getList("tasks").size(), open.prettify());
        String id = open.getString("tasks[0].id");
        assertEquals("INV-H", open.getString("tasks[0].invoiceId"));
        assertEquals("fam-h", open.getString("tasks[0].familyId"));
        assertEquals("OPEN", open.getString("tasks[0].state"));
        assertTrue(open.getString("tasks[0].reason").contains("hardship"), open.getString("tasks[0].reason"));
        assertEquals(AS_OF, Instant.parse(open.getString("tasks[0].createdAt")), "the task dates from its decision");
        assertEquals(null, open.getString("tasks[0].assignee"));
        String decision = open.getString("tasks[0].decisionId");
        assertTrue(timeline("INV-H", "DECISION").stream().anyMatch(d -> decision.equals(((Map<?, ?>) d.get("details")).get("decisionId"))));

        withKey(approver).contentType(ContentType.JSON).body(Map.of("assignee", "maria")).post("/api/v1/tasks/" + id + "/assign")
                .then().statusCode(200).body("assignee", equalTo("maria")).body("state", equalTo("OPEN"));
        assertEquals(List.of(id), tasks("?assignee=maria").getList("tasks.id"));
        assertEquals(List.of(), tasks("?assignee=someone-else").getList("tasks"));

        withKey(approver).contentType(ContentType.JSON).body(Map.of("outcome", "PLAN_AGREED", "note", "six installments, first on the 15th"))
                .post("/api/v1/tasks/" + id + "/resolve").then().statusCode(200)
                .body("state", equalTo("DONE")).body("outcome", equalTo("PLAN_AGREED"))
                .body("note", equalTo("six installments, first on the 15th")).body("resolvedAt", notNullValue());
        assertTrue(flagsOf("fam-h").contains("PAYMENT_PLAN_ACTIVE"), flagsOf("fam-h"));
        assertEquals(List.of(id), tasks("?state=DONE").getList("tasks.id"));
        assertEquals(List.of(), tasks("?state=OPEN&type=HARDSHIP_REVIEW").getList("tasks"));

        List<Map<String, Object>> changes = timeline("INV-H", "CHANGE");
        assertEquals(1, changes.size(), changes.toString());
        assertEquals("FLAG_SET", ((Map<?, ?>) changes.get(0).get("details")).get("what"));
        assertEquals("PAYMENT_PLAN_ACTIVE", ((Map<?, ?>) ((Map<?, ?>) changes.get(0).get("details")).get("detail")).get("flag"));
        assertTrue(String.valueOf(changes.get(0).get("source")).contains("director"), "who changed it: " + changes.get(0));

        run(AS_OF.plusSeconds(86_400), "next-day");
        assertTrue(actionsOfLastDecision("INV-H").contains("PAUSE_AUTOMATION:PAYMENT_PLAN_ACTIVE"), actionsOfLastDecision("INV-H").toString());

        withKey(approver).contentType(ContentType.JSON).body(Map.of("outcome", "DONE")).post("/api/v1/tasks/" + id + "/resolve")
                .then().statusCode(409).contentType("application/problem+json").body("detail", containsString("resolved already"));
        assertEquals("PLAN_AGREED", tasks("?state=DONE").getString("tasks[0].outcome"), "the first resolution stands");
    }

    @Test
    void aResolvedDisputeClearsTheFlagAndIsAudited() {
        familyWithOverdueInvoice("fam-d", "INV-D", List.of("DISPUTE_OPEN"));
        reply("fam-d", "INV-D", "This charge is wrong, I already paid it and I dispute it", "2026-03-08T14:00:00Z");
        run(AS_OF, "first");
        // The flag pauses the invoice; a dispute reading asks for the review (the flag alone asks for none).
        JsonPath open = tasks("?state=OPEN");
        List<String> types = open.getList("tasks.type");
        assertTrue(types.contains("DISPUTE_REVIEW"), open.prettify());
        String id = open.getString("tasks.find { it.type == 'DISPUTE_REVIEW' }.id");

        withKey(approver).contentType(ContentType.JSON).body(Map.of("outcome", "PLAN_AGREED")).post("/api/v1/tasks/" + id + "/resolve")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("outcome"));
        assertTrue(flagsOf("fam-d").contains("DISPUTE_OPEN"), "a refused resolution changes nothing");

        withKey(approver).contentType(ContentType.JSON).body(Map.of("outcome", "DISPUTE_RESOLVED", "note", "credit note issued"))
                .post("/api/v1/tasks/" + id + "/resolve").then().statusCode(200).body("outcome", equalTo("DISPUTE_RESOLVED"));
        assertFalse(flagsOf("fam-d").contains("DISPUTE_OPEN"), flagsOf("fam-d"));
        List<Map<String, Object>> changes = timeline("INV-D", "CHANGE");
        assertEquals("FLAG_CLEARED", ((Map<?, ?>) changes.get(0).get("details")).get("what"));
        Map<?, ?> task = (Map<?, ?>) timeline("INV-D", "TASK").stream().filter(t -> id.equals(((Map<?, ?>) t.get("details")).get("taskId")))
                .findFirst().orElseThrow().get("details");
        assertEquals("DONE", task.get("state"));
        assertEquals("credit note issued", task.get("note"));
    }

    @Test
    void anUnsureReplyWaitsForAPersonWhoseLabelTheNextDecisionActsOnAndWhichIsExported() throws Exception {
        familyWithOverdueInvoice("fam-u", "INV-U", List.of());
        reply("fam-u", "INV-U", "maybe next week", "2026-03-08T14:00:00Z");
        run(AS_OF, "first");

        assertEquals(List.of("REPLY_REVIEW"), tasks("?state=OPEN").getList("tasks.type"));
        List<String> first = actionsOfLastDecision("INV-U");
        assertFalse(first.stream().anyMatch(a -> a.startsWith("PAUSE_AUTOMATION")), "an unsure promise pauses nothing: " + first);
        Map<?, ?> reply = (Map<?, ?>) timeline("INV-U", "REPLY").get(0).get("details");
        assertTrue(((Number) reply.get("confidence")).doubleValue() < 0.6, reply.toString());
        String replyId = (String) reply.get("replyId");

        withKey(approver).contentType(ContentType.JSON).body(Map.of("sentiment", "PROMISE_TO_PAY", "promisedOn", "2026-03-20"))
                .post("/api/v1/replies/" + replyId + "/label").then().statusCode(200)
                .body("label", equalTo("PROMISE_TO_PAY")).body("classified", equalTo("PROMISE_TO_PAY")).body("promisedOn", equalTo("2026-03-20"));
        assertEquals(List.of(), tasks("?state=OPEN").getList("tasks"), "labelling the reply is its review");
        assertEquals("DONE", tasks("?state=DONE&type=REPLY_REVIEW").getString("tasks[0].state"));
        assertEquals("REPLY_LABELLED", ((Map<?, ?>) timeline("INV-U", "CHANGE").get(0).get("details")).get("what"));

        run(AS_OF.plusSeconds(86_400), "next-day");
        assertTrue(actionsOfLastDecision("INV-U").contains("PAUSE_AUTOMATION:PROMISE_TO_PAY"), actionsOfLastDecision("INV-U").toString());

        String exported = withKey(analyst).get("/api/v1/replies/labels").then().statusCode(200)
                .contentType("application/x-ndjson").extract().asString();
        List<String> lines = exported.lines().toList();
        assertEquals(1, lines.size(), exported);
        JsonPath line = JsonPath.from(lines.get(0));
        assertEquals("maybe next week", line.getString("text"));
        assertEquals("PROMISE_TO_PAY", line.getString("sentiment"));
        assertEquals("2026-03-20", line.getString("promisedOn"));

        // The benchmark command measures the classifier on the exported file.
        Path file = Files.createTempFile("labels", ".jsonl");
        Files.writeString(file, exported);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ReplyBenchmark.print(new PrintStream(out, true, StandardCharsets.UTF_8), file);
        String printed = out.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("1 "), printed);
        assertTrue(printed.toLowerCase().contains("accuracy"), printed);
    }

    @Test
    void badInputIsNamedAndChangesNothing() {
        familyWithOverdueInvoice("fam-h", "INV-H", List.of());
        reply("fam-h", "INV-H", "I lost my job last month and cannot pay this right now", "2026-03-08T14:00:00Z");
        run(AS_OF, "first");
        String id = tasks("?type=HARDSHIP_REVIEW").getString("tasks[0].id");

        withKey(approver).get("/api/v1/tasks?state=WAITING").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("state"));
        withKey(approver).get("/api/v1/tasks?type=NAP").then().statusCode(400).body("errors[0].field", equalTo("type"));
        withKey(approver).contentType(ContentType.JSON).body(Map.of("outcome", "MAYBE")).post("/api/v1/tasks/" + id + "/resolve")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("outcome"));
        withKey(approver).contentType(ContentType.JSON).body("{}").post("/api/v1/tasks/" + id + "/resolve")
                .then().statusCode(400).body("errors[0].field", equalTo("outcome"));
        withKey(approver).contentType(ContentType.JSON).body(Map.of("outcome", "DONE", "note", "x".repeat(2001)))
                .post("/api/v1/tasks/" + id + "/resolve").then().statusCode(400).body("errors[0].field", equalTo("note"));
        withKey(approver).contentType(ContentType.JSON).body(Map.of("assignee", " ")).post("/api/v1/tasks/" + id + "/assign")
                .then().statusCode(400).body("errors[0].field", equalTo("assignee"));
        withKey(approver).contentType(ContentType.JSON).body(Map.of("outcome", "DONE")).post("/api/v1/tasks/not-a-uuid/resolve")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("id"));
        withKey(approver).contentType(ContentType.JSON).body(Map.of("outcome", "DONE")).post("/api/v1/tasks/" + UUID.randomUUID() + "/resolve")
                .then().statusCode(404).contentType("application/problem+json");
        withKey(approver).contentType(ContentType.JSON).body(Map.of("sentiment", "GRUMPY")).post("/api/v1/replies/" + UUID.randomUUID() + "/label")
                .then().statusCode(400).body("errors[0].field", equalTo("sentiment"));
        String replyId = (String) ((Map<?, ?>) timeline("INV-H", "REPLY").get(0).get("details")).get("replyId");
        withKey(approver).contentType(ContentType.JSON).body(Map.of("sentiment", "HARDSHIP", "promisedOn", "2026-03-20"))
                .post("/api/v1/replies/" + replyId + "/label").then().statusCode(400).body("errors[0].field", equalTo("promisedOn"));

        // Analysts read; they do not work the queue. Another center's approver does not see this one's tasks.
        withKey(analyst).get("/api/v1/tasks").then().statusCode(403).contentType("application/problem+json");
        withKey(analyst).contentType(ContentType.JSON).body(Map.of("outcome", "DONE")).post("/api/v1/tasks/" + id + "/resolve")
                .then().statusCode(403);
        withKey(analyst).contentType(ContentType.JSON).body(Map.of("sentiment", "NEUTRAL")).post("/api/v1/replies/" + replyId + "/label")
                .then().statusCode(403);
        String mine = center;
        String myApprover = approver;
        center();
        withKey(approver).get("/api/v1/tasks").then().statusCode(200).body("tasks", hasSize(0));
        withKey(approver).contentType(ContentType.JSON).body(Map.of("outcome", "DONE")).post("/api/v1/tasks/" + id + "/resolve")
                .then().statusCode(404);
        withKey(approver).contentType(ContentType.JSON).body(Map.of("assignee", "me")).post("/api/v1/tasks/" + id + "/assign")
                .then().statusCode(404);
        withKey(approver).contentType(ContentType.JSON).body(Map.of("sentiment", "NEUTRAL")).post("/api/v1/replies/" + replyId + "/label")
                .then().statusCode(404);

        center = mine;
        approver = myApprover;
        JsonPath untouched = withBootstrapKey().get("/api/v1/tasks?centerId=" + mine).then().statusCode(200).extract().jsonPath();
        assertEquals("OPEN", untouched.getString("tasks.find { it.type == 'HARDSHIP_REVIEW' }.state"));
        assertEquals(null, untouched.getString("tasks.find { it.type == 'HARDSHIP_REVIEW' }.assignee"));
        assertEquals(List.of(), timeline("INV-H", "CHANGE"), "nothing audited");
        withBootstrapKey().get("/api/v1/replies/labels?centerId=" + mine).then().statusCode(200).body(equalTo(""));
    }
}
