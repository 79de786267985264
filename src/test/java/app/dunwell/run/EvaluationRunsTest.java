package app.dunwell.run;

import app.dunwell.SignedEvents;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Evaluation runs over the stored state of a center, against the real PostgreSQL. */
@QuarkusTest
class EvaluationRunsTest {
    private static final String BOOTSTRAP = "Bearer test-bootstrap-key";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Inject
    EntityManager em;

    private String center;
    private String secret;

    @BeforeEach
    void centerWithInvoices() throws Exception {
        center = "ctr-run-" + UUID.randomUUID().toString().substring(0, 8);
        secret = given().contentType(ContentType.JSON).header("Authorization", BOOTSTRAP)
                .body(Map.of("id", center, "timezone", "America/New_York", "mode", "AUTO"))
                .post("/api/v1/centers").then().statusCode(201).extract().path("webhookSecret");
        event("family.updated", Map.of("familyId", "fam-1", "firstName", "Ana", "email", "ana@example.org", "preferredChannel", "EMAIL"));
        // On 2026-03-09 (a Monday): INV-OVERDUE is 7 days overdue, INV-PREDUE is due in 14 days, INV-PAID is paid.
        event("invoice.created", Map.of("invoiceId", "INV-OVERDUE", "familyId", "fam-1", "issuedOn", "2026-02-01", "dueOn", "2026-03-02", "total", "850.00"));
        event("invoice.created", Map.of("invoiceId", "INV-PREDUE", "familyId", "fam-1", "issuedOn", "2026-03-01", "dueOn", "2026-03-23", "total", "400.00"));
        event("invoice.created", Map.of("invoiceId", "INV-PAID", "familyId", "fam-1", "issuedOn", "2026-02-01", "dueOn", "2026-03-01", "total", "100.00"));
        event("payment.succeeded", Map.of("paymentId", "p-1", "invoiceId", "INV-PAID", "amount", "100.00", "paidOn", "2026-02-27"));
    }

    private void event(String type, Map<String, Object> data) {
        new SignedEvents(center, secret).send(type, data);
    }

    private Map<String, Object> runToTheEnd(String runKey) throws InterruptedException {
        Map<String, Object> body = new LinkedHashMap<>(Map.of("centerId", center, "asOf", "2026-03-09T15:00:00Z"));
        if (runKey != null) {
            body.put("runKey", runKey);
        }
        String id = given().contentType(ContentType.JSON).header("Authorization", BOOTSTRAP).body(body)
                .post("/api/v1/runs").then().statusCode(202).extract().path("id");
        return waitUntilFinished(id);
    }

    private Map<String, Object> waitUntilFinished(String id) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            Map<String, Object> status = given().header("Authorization", BOOTSTRAP).get("/api/v1/runs/" + id)
                    .then().statusCode(200).extract().as(Map.class);
            if (status.get("finishedAt") != null) {
                return status;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("run " + id + " did not finish");
    }

    private long count(String sql) {
        return QuarkusTransaction.requiringNew().call(() ->
                ((Number) em.createNativeQuery(sql).setParameter(1, center).getSingleResult()).longValue());
    }

    @Test
    void aRunDecidesEveryOpenInvoiceStoresTheDecisionAndWritesItsEffects() throws Exception {
        Map<String, Object> status = runToTheEnd(null);
        assertEquals(2, status.get("total"), "the paid invoice is not open");
        assertEquals(2, status.get("done"));
        assertEquals(Map.of("ASSESS_LATE_FEE", 1, "SEND_REMINDER", 2), status.get("actionsByType"));
        assertEquals(2, count("select count(*) from outbox where center_id = ?1 and state = 'PENDING' and source = 'Dunwell'"));
        assertEquals(1, count("select count(*) from invoice where center_id = ?1 and status = 'FIRST' and late_fee_assessed"));
        assertEquals(2, count("select count(*) from decision_record where center_id = ?1"));
    }

    @Test
    void aRunIsCountedWhileItGoesOnAndKeepsItsCountsOnceItEnds() throws Exception {
        Map<String, Object> opened = given().contentType(ContentType.JSON).header("Authorization", BOOTSTRAP)
                .body(Map.of("centerId", center, "asOf", "2026-03-09T15:00:00Z")).post("/api/v1/runs")
                .then().statusCode(202).extract().as(Map.class);
        assertEquals(2, opened.get("total"), "counted when it opens");
        assertEquals(null, opened.get("finishedAt"));
        String id = (String) opened.get("id");
        Map<String, Object> finished = waitUntilFinished(id);
        assertEquals(2, finished.get("done"));
        assertEquals(Map.of("ASSESS_LATE_FEE", 1, "SEND_REMINDER", 2), finished.get("actionsByType"));
        // From its end on, the run answers with the counts it kept; its items are not counted again (changed here behind its back).
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("update run_item set state = 'FAILED', actions = '[]' "
                + "where run_id = cast(?1 as uuid)").setParameter(1, id).executeUpdate());
        assertEquals(finished, given().header("Authorization", BOOTSTRAP).get("/api/v1/runs/" + id).then().statusCode(200)
                .extract().as(Map.class));
    }

    @Test
    void aReminderOfOneKindIsNeverQueuedTwiceForAnInvoice() throws Exception {
        runToTheEnd(null);
        runToTheEnd(null);
        assertEquals(4, count("select count(*) from decision_record where center_id = ?1"), "decided again");
        assertEquals(2, count("select count(*) from outbox where center_id = ?1"), "but queued once");
    }

    @Test
    void twoWorkersOnOneRunDecideEachInvoiceOnce() throws Exception {
        Map<String, Object> body = Map.of("centerId", center, "asOf", "2026-03-09T15:00:00Z", "runKey", "daily-2026-03-09");
        List<String> ids = List.of(1, 2, 3).parallelStream().map(i -> given().contentType(ContentType.JSON)
                .header("Authorization", BOOTSTRAP).body(body).post("/api/v1/runs")
                .then().statusCode(202).extract().<String>path("id")).toList();
        assertEquals(1, ids.stream().distinct().count(), "the same key is the same run");
        Map<String, Object> status = waitUntilFinished(ids.get(0));
        assertEquals(2, status.get("done"));
        assertEquals(2, count("select count(*) from decision_record where center_id = ?1"), "each invoice decided once");
    }

    @Test
    void aRunThatStoppedHalfWayIsFinishedByTheNextWorker() throws Exception {
        Map<String, Object> first = runToTheEnd("cron-1");
        // As if the worker had died before deciding one invoice: its item is pending again, and its effects never happened.
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("update run_item set state = 'PENDING' "
                + "where run_id = ?1 and invoice_id = 'INV-PREDUE'").setParameter(1, UUID.fromString((String) first.get("id"))).executeUpdate());
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("update run set finished_at = null where id = ?1")
                .setParameter(1, UUID.fromString((String) first.get("id"))).executeUpdate());
        Map<String, Object> again = runToTheEnd("cron-1");
        assertEquals(first.get("id"), again.get("id"));
        assertEquals(2, again.get("done"));
        assertEquals(3, count("select count(*) from decision_record where center_id = ?1"), "only the pending invoice was decided again");
        assertTrue(count("select count(*) from outbox where center_id = ?1") == 2);
    }

    @Test
    void joiningAFinishedRunChangesNothingAndADryRunNeverJoinsARealOne() throws Exception {
        Map<String, Object> first = runToTheEnd("daily-2026-03-09");
        event("invoice.created", Map.of("invoiceId", "INV-LATER", "familyId", "fam-1", "issuedOn", "2026-03-09", "dueOn", "2026-03-20", "total", "90.00"));
        Map<String, Object> again = runToTheEnd("daily-2026-03-09");
        assertEquals(first.get("id"), again.get("id"));
        assertEquals(2, again.get("total"), "an invoice opened after the run finished waits for the next run");
        String dry = given().contentType(ContentType.JSON).header("Authorization", BOOTSTRAP)
                .body(Map.of("centerId", center, "asOf", "2026-03-09T15:00:00Z", "runKey", "daily-2026-03-09", "dryRun", true))
                .post("/api/v1/runs").then().statusCode(202).extract().path("id");
        assertTrue(!dry.equals(first.get("id")), "a dry run with a real run's key is a run of its own");
        assertEquals(3, waitUntilFinished(dry).get("total"));
    }

    @Test
    void aWorkerFrozenMidTransactionIsCutOffByTheDatabaseSoOthersCanTakeItsInvoice() {
        // The claim of a worker is a row lock inside its transaction; a session idle in a transaction is ended after 90 s.
        assertEquals("90s", QuarkusTransaction.requiringNew().call(() ->
                em.createNativeQuery("select current_setting('idle_in_transaction_session_timeout')").getSingleResult()));
        assertTrue(EvaluationRuns.STRAGGLER_WAIT.compareTo(java.time.Duration.ofSeconds(90)) > 0,
                "workers wait for stragglers longer than the database takes to release a frozen one's invoice");
    }

    @Test
    void aDryRunDecidesButChangesNothing() throws Exception {
        Map<String, Object> body = Map.of("centerId", center, "asOf", "2026-03-09T15:00:00Z", "dryRun", true);
        String id = given().contentType(ContentType.JSON).header("Authorization", BOOTSTRAP).body(body)
                .post("/api/v1/runs").then().statusCode(202).extract().path("id");
        assertEquals(2, waitUntilFinished(id).get("done"));
        assertEquals(0, count("select count(*) from outbox where center_id = ?1"));
        assertEquals(0, count("select count(*) from invoice where center_id = ?1 and status <> 'UNPAID'"));
    }

    @Inject
    DailyRuns daily;

    @Test
    void theDailyRunStartsAfterTheCentersLocalTimeAndOnlyOncePerDay() {
        app.dunwell.state.Center stored = QuarkusTransaction.requiringNew().call(() -> app.dunwell.state.Center.findById(center));
        // 11:00 UTC is 07:00 in New York on 2026-03-09 (EDT); 10:59 UTC is before it.
        assertTrue(daily.runDueFor(stored, Instant.parse("2026-03-09T10:59:00Z")).isEmpty());
        UUID first = daily.runDueFor(stored, Instant.parse("2026-03-09T11:00:00Z")).orElseThrow();
        UUID again = daily.runDueFor(stored, Instant.parse("2026-03-09T15:00:00Z")).orElseThrow();
        assertEquals(first, again, "the same local day is the same run");
        assertEquals(2, count("select count(*) from decision_record where center_id = ?1"), "each invoice decided once that day");
    }

    @Test
    void anApprovalCenterHoldsRemindersUntilSomeoneApproves() throws Exception {
        String other = "ctr-appr-" + UUID.randomUUID().toString().substring(0, 8);
        String otherSecret = given().contentType(ContentType.JSON).header("Authorization", BOOTSTRAP)
                .body(Map.of("id", other, "timezone", "America/New_York", "mode", "APPROVAL"))
                .post("/api/v1/centers").then().statusCode(201).extract().path("webhookSecret");
        center = other;
        secret = otherSecret;
        event("family.updated", Map.of("familyId", "fam-1", "firstName", "Ana", "email", "ana@example.org", "preferredChannel", "EMAIL"));
        event("invoice.created", Map.of("invoiceId", "INV-A", "familyId", "fam-1", "issuedOn", "2026-02-01", "dueOn", "2026-03-02", "total", "850.00"));
        event("invoice.created", Map.of("invoiceId", "INV-B", "familyId", "fam-1", "issuedOn", "2026-02-01", "dueOn", "2026-03-02", "total", "300.00"));
        runToTheEnd(null);
        List<Map<String, Object>> waiting = given().header("Authorization", BOOTSTRAP).queryParam("centerId", other)
                .get("/api/v1/approvals").then().statusCode(200).extract().as(List.class);
        // Each invoice's first notice and its late fee wait, each with the decision's trace (why).
        assertEquals(List.of("ASSESS_LATE_FEE", "ASSESS_LATE_FEE", "SEND_REMINDER", "SEND_REMINDER"),
                waiting.stream().map(w -> (String) w.get("type")).sorted().toList());
        assertTrue(waiting.stream().allMatch(w -> !((List<?>) w.get("why")).isEmpty()), waiting.toString());
        Map<String, Object> reminder = waiting.stream().filter(w -> w.get("type").equals("SEND_REMINDER")).findFirst().orElseThrow();
        Map<String, Object> otherReminder = waiting.stream().filter(w -> w.get("type").equals("SEND_REMINDER") && w != reminder).findFirst().orElseThrow();
        given().header("Authorization", BOOTSTRAP).post("/api/v1/approvals/" + reminder.get("id") + "/approve")
                .then().statusCode(200).body("state", org.hamcrest.Matchers.equalTo("PENDING"));
        given().header("Authorization", BOOTSTRAP).post("/api/v1/approvals/" + otherReminder.get("id") + "/reject")
                .then().statusCode(200).body("state", org.hamcrest.Matchers.equalTo("REJECTED"));
        given().header("Authorization", BOOTSTRAP).post("/api/v1/approvals/" + otherReminder.get("id") + "/approve")
                .then().statusCode(404);
        given().post("/api/v1/approvals/" + reminder.get("id") + "/approve").then().statusCode(401);
        assertEquals(1, count("select count(*) from outbox where center_id = ?1 and state = 'PENDING'"));
        assertEquals(1, count("select count(*) from outbox where center_id = ?1 and state = 'REJECTED'"));

        // Approving a fee carries it out and tells the platform; rejecting one does neither.
        Map<String, Object> feeA = waiting.stream().filter(w -> w.get("type").equals("ASSESS_LATE_FEE") && w.get("invoiceId").equals("INV-A"))
                .findFirst().orElseThrow();
        Map<String, Object> feeB = waiting.stream().filter(w -> w.get("type").equals("ASSESS_LATE_FEE") && w.get("invoiceId").equals("INV-B"))
                .findFirst().orElseThrow();
        assertEquals(0, count("select count(*) from event where center_id = ?1 and type = 'invoice.late_fee_assessed'"));
        given().header("Authorization", BOOTSTRAP).post("/api/v1/approvals/" + feeA.get("id") + "/approve")
                .then().statusCode(200).body("state", org.hamcrest.Matchers.equalTo("APPLIED"));
        given().header("Authorization", BOOTSTRAP).post("/api/v1/approvals/" + feeB.get("id") + "/reject")
                .then().statusCode(200).body("state", org.hamcrest.Matchers.equalTo("REJECTED"));
        assertEquals(1, count("select count(*) from event where center_id = ?1 and type = 'invoice.late_fee_assessed' and invoice_id = 'INV-A'"));
        assertEquals(0, count("select count(*) from event where center_id = ?1 and type = 'invoice.late_fee_assessed' and invoice_id = 'INV-B'"));
        assertEquals(1, count("select count(*) from invoice where center_id = ?1 and late_fee_assessed"));
        // The next run proposes neither again: one was carried out, one was refused.
        runToTheEnd("the-next-day");
        assertEquals(0, count("select count(*) from pending_effect where center_id = ?1 and state = 'AWAITING_APPROVAL' and type = 'ASSESS_LATE_FEE'"));
    }

    @Test
    void aReplyReceivedByWebhookIsSeenByTheNextDecision() throws Exception {
        event("reply.received", Map.of("familyId", "fam-1", "invoiceId", "INV-OVERDUE",
                "text", "I lost my job last month and I cannot pay this right now, please help", "receivedAt", "2026-03-08T14:00:00Z"));
        Map<String, Object> status = runToTheEnd(null);
        assertEquals(2, status.get("done"));
        String answer = QuarkusTransaction.requiringNew().call(() -> (String) em.createNativeQuery(
                "select cast(answer as text) from decision_record where center_id = ?1 and invoice_id = 'INV-OVERDUE'")
                .setParameter(1, center).getSingleResult());
        assertTrue(answer.contains("\"PAUSE_AUTOMATION\"") && answer.contains("\"HARDSHIP\"") && answer.contains("HARDSHIP_REVIEW"), answer);
        assertEquals(0, count("select count(*) from outbox where center_id = ?1 and invoice_id = 'INV-OVERDUE'"), "paused: nothing queued");
    }

    @Test
    void runsNeedAKeyAndAKnownCenter() {
        given().contentType(ContentType.JSON).body(Map.of("centerId", center)).post("/api/v1/runs").then().statusCode(401);
        given().contentType(ContentType.JSON).header("Authorization", BOOTSTRAP).body(Map.of("centerId", "nope"))
                .post("/api/v1/runs").then().statusCode(400).contentType("application/problem+json");
        given().contentType(ContentType.JSON).header("Authorization", BOOTSTRAP).body(Map.of("centerId", center, "asOf", "tomorrow"))
                .post("/api/v1/runs").then().statusCode(400).body("errors[0].field", org.hamcrest.Matchers.equalTo("asOf"));
        given().get("/api/v1/runs/" + UUID.randomUUID()).then().statusCode(401).contentType("application/problem+json");
        given().header("Authorization", BOOTSTRAP).get("/api/v1/runs/not-a-uuid").then().statusCode(400)
                .body("errors[0].field", org.hamcrest.Matchers.equalTo("id"));
        given().contentType(ContentType.JSON).header("Authorization", BOOTSTRAP).body("{}")
                .post("/api/v1/centers/" + center + "/kill-switch").then().statusCode(400)
                .body("errors[0].field", org.hamcrest.Matchers.equalTo("active"));
        given().header("Authorization", BOOTSTRAP).get("/api/v1/approvals").then().statusCode(400)
                .body("errors[0].field", org.hamcrest.Matchers.equalTo("centerId"));
        assertEquals(0, count("select count(*) from run where center_id = ?1"), "refused requests started nothing");
    }

    @Test
    void aRunStartedByHandCannotTakeTheKeyOfADailyRun() throws Exception {
        // A caller names the key tomorrow's daily run would have, as of 2020: it is a run of its own (a dry run of 2020).
        Map<String, Object> manual = given().contentType(ContentType.JSON).header("Authorization", BOOTSTRAP)
                .body(Map.of("centerId", center, "asOf", "2020-01-01T15:00:00Z", "runKey", "daily:2026-03-10", "dryRun", true))
                .post("/api/v1/runs").then().statusCode(202).extract().as(Map.class);
        Map<String, Object> asSomeone = given().contentType(ContentType.JSON).header("Authorization", BOOTSTRAP)
                .body(Map.of("centerId", center, "asOf", "2020-01-01T15:00:00Z", "runKey", center + ":daily:2026-03-10"))
                .post("/api/v1/runs").then().statusCode(202).extract().as(Map.class);
        waitUntilFinished((String) manual.get("id"));
        waitUntilFinished((String) asSomeone.get("id"));
        // The real daily run of 2026-03-10 still opens, as of that day, and decides the center's open invoices.
        var center = QuarkusTransaction.requiringNew().call(() -> app.dunwell.state.Center.<app.dunwell.state.Center>findById(this.center));
        UUID dailyRun = daily.runDueFor(center, Instant.parse("2026-03-10T15:00:00Z")).orElseThrow();
        Map<String, Object> status = waitUntilFinished(dailyRun.toString());
        assertTrue(!dailyRun.toString().equals(manual.get("id")) && !dailyRun.toString().equals(asSomeone.get("id")));
        assertEquals("2026-03-10T15:00:00Z", status.get("asOf"));
        assertEquals(2, status.get("done"), "the two open invoices, decided by the day's own run");
    }
}
