package app.dunwell.metrics;

import app.dunwell.SignedEvents;
import app.dunwell.dispatch.Dispatcher;
import app.dunwell.events.EventDelivery;
import app.dunwell.ruleset.ActiveRuleset;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.standardwebhooks.Webhook;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static app.dunwell.TestKeys.withBootstrapKey;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code /q/metrics} serves Dunwell's meters, and each moves by what was done: every count is read before and after.
 * The default test profile: no Quarkus of its own.
 */
@QuarkusTest
class MetricsTest {
    /** 7 days overdue: the first reminder, and a late fee after the default 5 grace days. */
    static final String SEVEN_DAYS_OVERDUE = """
            {"asOf":"2026-03-09T15:00:00Z","center":{"timezone":"America/New_York"},
             "family":{"contact":{"email":"a@example.org","preferredChannel":"EMAIL"}},
             "invoice":{"id":"INV-METRICS-7","dueOn":"2026-03-02","balance":"850.00"}}""";

    /** Every meter the README's "Metrics" section lists, as Prometheus names it. */
    static final List<String> DOCUMENTED = List.of("dunwell_decision_seconds_count", "dunwell_decision_seconds_bucket",
            "dunwell_run_invoices_total", "dunwell_run_workers_active", "dunwell_runs_in_progress", "dunwell_run_invoices_pending",
            "dunwell_outbox_deliveries_total", "dunwell_outbox_waiting", "dunwell_outbox_oldest_waiting_seconds",
            "dunwell_event_deliveries_total", "dunwell_events_waiting", "dunwell_events_oldest_waiting_seconds",
            "dunwell_webhooks_refused_total", "dunwell_ruleset_loads_total", "dunwell_ruleset_info");

    @Inject
    EntityManager em;
    @Inject
    WaitingWork waiting;
    @Inject
    Dispatcher dispatcher;
    @Inject
    EventDelivery eventDelivery;
    @Inject
    ActiveRuleset rulesets;

    @Test
    void theMetricsAreServedInThePrometheusFormat() {
        // OpenMetrics or the classic text format, as the scraper asks; both are what Prometheus reads.
        given().get("/q/metrics").then().statusCode(200).contentType(org.hamcrest.Matchers.anyOf(
                org.hamcrest.Matchers.startsWith("application/openmetrics-text"), org.hamcrest.Matchers.startsWith("text/plain")));
        given().accept("text/plain").get("/q/metrics").then().statusCode(200).contentType(org.hamcrest.Matchers.startsWith("text/plain"))
                .body(org.hamcrest.Matchers.containsString("dunwell_decision_seconds_bucket"));
        Scrape scrape = Scrape.now();
        for (String name : DOCUMENTED) {
            assertTrue(scrape.has(name), name + " is served");
        }
        assertTrue(scrape.text().contains("# TYPE dunwell_decision_seconds histogram"), "the decision time is a histogram (p99 by histogram_quantile)");
    }

    @Test
    void aCallersPathNeverBecomesALabel() {
        // A path no route serves (here answered 405 and 404) is the caller's text: as a uri tag it would be a new series
        // per path (memory without bound) and could carry an id or a name.
        String path = "fam-" + UUID.randomUUID() + "-" + "x".repeat(3000);
        given().contentType(ContentType.JSON).body("{}").post("/api/v1/runs/" + path).then().statusCode(405);
        given().get("/" + path).then().statusCode(404);
        Scrape scrape = Scrape.now();
        assertFalse(scrape.text().contains(path.substring(0, 40)), "no sample's labels hold the caller's path");
        assertTrue(scrape.samples().stream().allMatch(s -> s.labels().values().stream().allMatch(v -> v.length() < 300)),
                "every label value is short");
    }

    @Test
    void aDecisionIsCountedByOutcomeAndRulesetAndTimed() {
        Scrape before = Scrape.now();
        Response answer = decide(SEVEN_DAYS_OVERDUE);
        answer.then().statusCode(200);
        String ruleset = answer.path("rulesetVersion");
        assertEquals("FIRST", answer.path("status.to"), "the invoice steps to the first reminder");
        withBootstrapKey().contentType(ContentType.JSON).body("{\"requests\":[" + SEVEN_DAYS_OVERDUE + "," + SEVEN_DAYS_OVERDUE + ",{}]}")
                .post("/api/v1/decisions/batch").then().statusCode(200);
        Scrape after = Scrape.now();

        Map<String, String> first = Map.of("source", "api", "outcome", "first", "ruleset", ruleset);
        assertEquals(3, after.sum("dunwell_decisions_total", first) - before.sum("dunwell_decisions_total", first),
                "one decision and two of the batch (its invalid item is not a decision)");
        assertEquals(3, after.sum("dunwell_decisions_total", Map.of("source", "api")) - before.sum("dunwell_decisions_total", Map.of("source", "api")));
        Map<String, String> api = Map.of("source", "api");
        assertEquals(3, after.sum("dunwell_decision_seconds_count", api) - before.sum("dunwell_decision_seconds_count", api));
        assertTrue(after.sum("dunwell_decision_seconds_sum", api) > before.sum("dunwell_decision_seconds_sum", api));
        Map<String, String> slowest = Map.of("source", "api", "le", "+Inf");
        assertEquals(3, after.sum("dunwell_decision_seconds_bucket", slowest) - before.sum("dunwell_decision_seconds_bucket", slowest));
    }

    @Test
    void aRunCountsItsInvoicesAndItsWorkWaitsInTheGaugesUntilDelivered() throws Exception {
        String center = "ctr-met-" + UUID.randomUUID().toString().substring(0, 8);
        String secret = withBootstrapKey().contentType(ContentType.JSON).body(Map.of("id", center, "timezone", "America/New_York", "mode", "AUTO"))
                .post("/api/v1/centers").then().statusCode(201).extract().path("webhookSecret");
        // Events go to a port nothing listens on: each attempt fails and is retried later.
        withBootstrapKey().contentType(ContentType.JSON).body(Map.of("eventsUrl", "http://127.0.0.1:" + closedPort() + "/events"))
                .patch("/api/v1/centers/" + center).then().statusCode(200);
        SignedEvents platform = new SignedEvents(center, secret);
        platform.send("family.updated", Map.of("familyId", "fam-met", "firstName", "Ana", "email", "ana.metrics@example.org", "preferredChannel", "EMAIL"));
        platform.send("invoice.created", Map.of("invoiceId", "INV-MET-OVERDUE", "familyId", "fam-met", "issuedOn", "2026-02-01", "dueOn", "2026-03-02", "total", "850.00"));
        platform.send("invoice.created", Map.of("invoiceId", "INV-MET-PREDUE", "familyId", "fam-met", "issuedOn", "2026-03-01", "dueOn", "2026-03-23", "total", "400.00"));
        platform.send("invoice.created", Map.of("invoiceId", "INV-MET-PAID", "familyId", "fam-met", "issuedOn", "2026-02-01", "dueOn", "2026-03-01", "total", "100.00"));
        platform.send("payment.succeeded", Map.of("paymentId", "p-met", "invoiceId", "INV-MET-PAID", "amount", "100.00", "paidOn", "2026-02-27"));

        WaitingWork.Counted waitingBefore = waiting.refresh();
        Scrape before = Scrape.now();
        String run = withBootstrapKey().contentType(ContentType.JSON).body(Map.of("centerId", center, "asOf", "2026-03-09T15:00:00Z"))
                .post("/api/v1/runs").then().statusCode(202).extract().path("id");
        Map<String, Object> status = waitUntilFinished(run);
        assertEquals(2, status.get("done"), "the two open invoices");
        WaitingWork.Counted waitingAfterRun = waiting.refresh();
        Scrape afterRun = Scrape.now();

        assertEquals(2, delta(before, afterRun, "dunwell_run_invoices_total", Map.of("result", "done")));
        assertEquals(0, delta(before, afterRun, "dunwell_run_invoices_total", Map.of("result", "failed")));
        assertEquals(2, delta(before, afterRun, "dunwell_decisions_total", Map.of("source", "run")));
        assertEquals(2, delta(before, afterRun, "dunwell_decision_seconds_count", Map.of("source", "run")));
        assertEquals(0, workersActiveOnceSettled(), "no worker is left working");
        assertEquals(waitingBefore.runsInProgress(), waitingAfterRun.runsInProgress(), "the run finished");

        long queued = count("select count(*) from outbox where center_id = ?1 and state = 'PENDING' and not_before <= now()", center);
        assertEquals(2, queued, "a reminder for each open invoice, due now");
        assertEquals(queued, waitingAfterRun.outboxWaiting() - waitingBefore.outboxWaiting());
        long events = count("select count(*) from event where center_id = ?1 and delivery_state = 'PENDING'", center);
        assertTrue(events > 0, "the run's effects are events for the center's eventsUrl");
        assertEquals(events, waitingAfterRun.eventsWaiting() - waitingBefore.eventsWaiting());
        assertTrue(waitingAfterRun.eventsOldestSeconds() >= 0 && waitingAfterRun.outboxOldestSeconds() > 0);
        assertEquals((double) waitingAfterRun.outboxWaiting(), afterRun.sum("dunwell_outbox_waiting"), "the gauge serves the last count");
        assertEquals((double) waitingAfterRun.eventsWaiting(), afterRun.sum("dunwell_events_waiting"));

        // The outbox: whatever became of each reminder (the mail server of the test profile does not exist), it is counted so.
        int attempted = dispatcher.dispatchDue(Instant.now(), center);
        assertEquals(2, attempted);
        Scrape afterDispatch = Scrape.now();
        assertEquals(attempted, delta(afterRun, afterDispatch, "dunwell_outbox_deliveries_total", Map.of()));
        assertEquals(count("select count(*) from outbox where center_id = ?1 and state = 'SENT'", center),
                delta(afterRun, afterDispatch, "dunwell_outbox_deliveries_total", Map.of("result", "sent")));
        assertEquals(count("select count(*) from outbox where center_id = ?1 and state = 'WITHDRAWN'", center),
                delta(afterRun, afterDispatch, "dunwell_outbox_deliveries_total", Map.of("result", "withdrawn")));
        assertEquals(count("select count(*) from outbox where center_id = ?1 and state = 'FAILED'", center),
                delta(afterRun, afterDispatch, "dunwell_outbox_deliveries_total", Map.of("result", "failed")));
        long retried = count("select count(*) from outbox where center_id = ?1 and state = 'PENDING' and attempts > 0", center);
        assertEquals(retried, delta(afterRun, afterDispatch, "dunwell_outbox_deliveries_total", Map.of("result", "retried")));
        assertEquals(waitingAfterRun.outboxWaiting() - (attempted - retried), waiting.refresh().outboxWaiting(),
                "what was sent, withdrawn or given up no longer waits; what is retried still does");

        // Events: every attempt is counted by its result; this center's receiver cannot be reached.
        int eventAttempts = eventDelivery.deliverDue(Instant.now());
        Scrape afterEvents = Scrape.now();
        assertTrue(eventAttempts > 0);
        assertEquals(eventAttempts, delta(afterDispatch, afterEvents, "dunwell_event_deliveries_total", Map.of()));
        long attemptsHere = count("select count(*) from event_attempt a join event e on e.id = a.event_id where e.center_id = ?1", center);
        assertTrue(attemptsHere > 0);
        assertTrue(delta(afterDispatch, afterEvents, "dunwell_event_deliveries_total", Map.of("result", "retried")) >= attemptsHere);

        for (String personal : List.of(center, "fam-met", "INV-MET-OVERDUE", "ana.metrics@example.org", "Ana")) {
            assertFalse(afterEvents.text().contains(personal), "no center, family, invoice or person in the metrics: " + personal);
        }
    }

    @Test
    void webhooksRefusedAreCountedByReason() throws Exception {
        String center = "ctr-met-" + UUID.randomUUID().toString().substring(0, 8);
        String secret = withBootstrapKey().contentType(ContentType.JSON).body(Map.of("id", center, "timezone", "America/New_York"))
                .post("/api/v1/centers").then().statusCode(201).extract().path("webhookSecret");
        Scrape before = Scrape.now();
        String otherSecret = "whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[32]);
        new SignedEvents(center, otherSecret).post("invoice.created", Map.of("invoiceId", "INV-X", "total", "10.00")).then().statusCode(401);
        new SignedEvents(center, otherSecret).post("invoice.created", Map.of("invoiceId", "INV-X", "total", "10.00")).then().statusCode(401);
        signed(center, secret, Instant.now().minusSeconds(600)).then().statusCode(401);
        new SignedEvents("ctr-nobody-" + UUID.randomUUID(), secret).post("invoice.created", Map.of("invoiceId", "INV-X")).then().statusCode(401);
        given().contentType(ContentType.JSON).body("{\"type\":\"invoice.created\",\"data\":{\"centerId\":\"" + center + "\"}}")
                .post("/api/v1/webhooks/platform").then().statusCode(401);
        given().contentType(ContentType.JSON).body("[1, 2]").post("/api/v1/webhooks/platform").then().statusCode(401);
        new SignedEvents(center, secret).send("invoice.created", Map.of("invoiceId", "INV-OK", "issuedOn", "2026-03-01", "total", "10.00"));
        Scrape after = Scrape.now();

        assertEquals(2, delta(before, after, "dunwell_webhooks_refused_total", Map.of("reason", "bad_signature")));
        assertEquals(1, delta(before, after, "dunwell_webhooks_refused_total", Map.of("reason", "stale_timestamp")));
        assertEquals(1, delta(before, after, "dunwell_webhooks_refused_total", Map.of("reason", "unknown_center")));
        assertEquals(1, delta(before, after, "dunwell_webhooks_refused_total", Map.of("reason", "missing_headers")));
        assertEquals(1, delta(before, after, "dunwell_webhooks_refused_total", Map.of("reason", "unreadable")));
        assertEquals(6, delta(before, after, "dunwell_webhooks_refused_total", Map.of()), "the well-signed one is not refused");
    }

    @Test
    void rulesetLoadsAreCountedAndTheServingVersionIsShown() {
        String serving = rulesets.current().orElseThrow().version();
        Scrape before = Scrape.now();
        assertEquals(List.of(Map.of("version", serving)), before.matching("dunwell_ruleset_info", Map.of()).stream()
                .map(Scrape.Sample::labels).toList(), "one serving version");

        // A broken rule file is refused, the serving ruleset stays; the same files again serve.
        assertTrue(rulesets.load(rulesets.readConfiguredFiles().with(Map.of("rules/zz-metrics-broken.drl",
                "package app.dunwell.metrics.broken;\nrule \"broken\" when NoSuchFact() then end\n")))
                .isEmpty());
        assertTrue(rulesets.load(rulesets.readConfiguredFiles()).isPresent());
        Scrape after = Scrape.now();

        assertEquals(1, delta(before, after, "dunwell_ruleset_loads_total", Map.of("result", "invalid")));
        assertEquals(1, delta(before, after, "dunwell_ruleset_loads_total", Map.of("result", "served")));
        assertEquals(0, delta(before, after, "dunwell_ruleset_loads_total", Map.of("result", "scenarios_failed")));
        assertEquals(List.of(Map.of("version", serving)), after.matching("dunwell_ruleset_info", Map.of()).stream()
                .map(Scrape.Sample::labels).toList(), "still the one serving version");
        assertEquals(1, after.sum("dunwell_ruleset_info"));
    }

    private static double delta(Scrape before, Scrape after, String name, Map<String, String> labels) {
        return after.sum(name, labels) - before.sum(name, labels);
    }

    private static Response decide(String body) {
        return given().contentType(ContentType.JSON).body(body).post("/api/v1/decisions");
    }

    /** An invoice.created signed with the center's secret at {@code at}. */
    private static Response signed(String center, String secret, Instant at) throws Exception {
        String payload = new ObjectMapper().writeValueAsString(Map.of("type", "invoice.created",
                "data", Map.of("centerId", center, "invoiceId", "INV-STALE", "total", "10.00")));
        String id = "msg_" + UUID.randomUUID();
        return given().contentType(ContentType.JSON).body(payload).header("webhook-id", id)
                .header("webhook-timestamp", String.valueOf(at.getEpochSecond()))
                .header("webhook-signature", new Webhook(secret).sign(id, at.getEpochSecond(), payload))
                .post("/api/v1/webhooks/platform");
    }

    private long count(String sql, String center) {
        return QuarkusTransaction.requiringNew().call(() ->
                ((Number) em.createNativeQuery(sql).setParameter(1, center).getSingleResult()).longValue());
    }

    /** The run is finished once one worker marks it so; the other worker may take a moment more to stop. */
    private static double workersActiveOnceSettled() throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        double active = Scrape.now().sum("dunwell_run_workers_active");
        while (active > 0 && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
            active = Scrape.now().sum("dunwell_run_workers_active");
        }
        return active;
    }

    private static int closedPort() throws java.io.IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> waitUntilFinished(String id) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            Map<String, Object> status = withBootstrapKey().get("/api/v1/runs/" + id).then().statusCode(200).extract().as(Map.class);
            if (status.get("finishedAt") != null) {
                return status;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("run " + id + " did not finish");
    }
}
