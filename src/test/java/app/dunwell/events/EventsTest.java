package app.dunwell.events;

import app.dunwell.SignedEvents;
import app.dunwell.dispatch.AcceptingProviders;
import app.dunwell.dispatch.Dispatcher;
import app.dunwell.dispatch.DispatcherTest;
import app.dunwell.run.EvaluationRuns;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

import static app.dunwell.TestKeys.withBootstrapKey;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Effects reach the billing platform as events: every type from a real run and dispatch, signed and verified by a real
 * receiver; delivered once and in order per invoice through an outage; once whatever the runs and deliverers repeat;
 * the pull feed gap-free under concurrent writers; a pilot; bad eventsUrl values refused.
 */
@QuarkusTest
@TestProfile(DispatcherTest.Providers.class)
class EventsTest {
    private static final Instant AS_OF = Instant.parse("2026-03-09T15:00:00Z");
    private static EventReceiver receiver;
    private static AcceptingProviders providers;

    @Inject
    EvaluationRuns runs;
    @Inject
    Dispatcher dispatcher;
    @Inject
    EventDelivery delivery;
    @Inject
    EventLog log;
    @Inject
    EntityManager em;

    @BeforeAll
    static void start() throws Exception {
        receiver = new EventReceiver();
        providers = AcceptingProviders.start();
    }

    @AfterAll
    static void stop() {
        if (receiver != null) {
            receiver.close();
        }
        if (providers != null) {
            providers.close();
        }
    }

    /** A center sending its events to the receiver. */
    private record Center(String id, SignedEvents events) {
    }

    private Center center(String mode, Map<String, Object> settings) {
        String id = "ev-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> body = new LinkedHashMap<>(Map.of("id", id, "timezone", "America/New_York", "mode", mode));
        body.put("settings", settings);
        String secret = withBootstrapKey().contentType(ContentType.JSON).body(body).post("/api/v1/centers")
                .then().statusCode(201).extract().path("webhookSecret");
        String eventsSecret = withBootstrapKey().contentType(ContentType.JSON).body(Map.of("eventsUrl", receiver.urlFor(id)))
                .patch("/api/v1/centers/" + id).then().statusCode(200).body("eventsUrl", equalTo(receiver.urlFor(id)))
                .body("eventsSecret", startsWith("whsec_")).extract().path("eventsSecret");
        receiver.secretOf(id, eventsSecret);
        return new Center(id, new SignedEvents(id, secret));
    }

    private static void family(Center c, String id, String email, List<String> flags) {
        Map<String, Object> data = new LinkedHashMap<>(Map.of("familyId", id, "firstName", "Ana", "preferredChannel", "EMAIL", "flags", flags));
        if (email != null) {
            data.put("email", email);
        }
        c.events().send("family.updated", data);
    }

    private static void invoice(Center c, String id, String family, String dueOn, String total, String status) {
        Map<String, Object> data = new LinkedHashMap<>(Map.of("invoiceId", id, "familyId", family, "issuedOn", "2025-10-01", "dueOn", dueOn,
                "total", total));
        if (status != null) {
            data.put("status", status);
        }
        c.events().send("invoice.created", data);
    }

    private void run(Center c, String key) {
        runs.workInParallel(runs.open(c.id(), AS_OF, false, c.id() + ":manual:" + key));
    }

    private long count(String sql, Object... params) {
        return QuarkusTransaction.requiringNew().call(() -> {
            var q = em.createNativeQuery(sql);
            for (int i = 0; i < params.length; i++) {
                q.setParameter(i + 1, params[i]);
            }
            return ((Number) q.getSingleResult()).longValue();
        });
    }

    @Test
    void everyEffectOfARunAndItsDispatchIsASignedEventOnTheCentersUrl() {
        Center c = center("AUTO", Map.of("autoCancel", Map.of("enabled", true)));
        family(c, "fam-a", "ana@example.org", List.of());
        invoice(c, "INV-FIRST", "fam-a", "2026-03-02", "850.00", null);
        family(c, "fam-good", "good@example.org", List.of());
        for (String due : List.of("2026-02-01", "2026-01-01", "2025-12-01")) {
            invoice(c, "INV-OLD-" + due, "fam-good", due, "100.00", null);
            c.events().send("payment.succeeded", Map.of("paymentId", "p-" + due, "invoiceId", "INV-OLD-" + due, "amount", "100.00",
                    "paidOn", due));
        }
        invoice(c, "INV-WAIVE", "fam-good", "2026-03-02", "400.00", null);
        family(c, "fam-hard", "hard@example.org", List.of("HARDSHIP"));
        invoice(c, "INV-PLAN", "fam-hard", "2026-02-22", "900.00", "FIRST");
        family(c, "fam-dispute", "d@example.org", List.of("DISPUTE_OPEN"));
        invoice(c, "INV-PAUSE", "fam-dispute", "2026-02-27", "300.00", null);
        family(c, "fam-cancel", "x@example.org", List.of());
        invoice(c, "INV-CANCEL", "fam-cancel", "2025-11-29", "500.00", "COLLECTIONS");
        family(c, "fam-none", null, List.of());
        invoice(c, "INV-NOCH", "fam-none", "2026-03-02", "200.00", null);
        family(c, "fam-bad", "not an address", List.of());
        invoice(c, "INV-BAD", "fam-bad", "2026-03-02", "200.00", null);
        family(c, "fam-paid", "p@example.org", List.of());
        invoice(c, "INV-W", "fam-paid", "2026-03-02", "200.00", null);
        c.events().send("reply.received", Map.of("familyId", "fam-a", "invoiceId", "INV-FIRST", "text", "Thank you, we will pay soon",
                "receivedAt", "2026-03-09T12:00:00Z"));

        run(c, "day");
        // Paid in full before its reminder goes out: the reminder is withdrawn.
        c.events().send("payment.succeeded", Map.of("paymentId", "p-w", "invoiceId", "INV-W", "amount", "200.00", "paidOn", "2026-03-09"));
        dispatcher.dispatchDue(AS_OF.plusSeconds(3600), c.id());
        delivery.deliverDue(Instant.now());

        List<EventReceiver.Received> got = receiver.of(c.id());
        Set<String> types = got.stream().map(r -> r.event().path("type").asText()).collect(Collectors.toSet());
        assertTrue(types.containsAll(Set.of("invoice.status_changed", "invoice.late_fee_assessed", "invoice.late_fee_waived",
                "invoice.payment_plan_offered", "invoice.comment_added", "invoice.automation_paused", "reminder.sent", "reminder.withdrawn",
                "reminder.failed", "task.created", "reply.classified")), "event types: " + types);
        assertEquals(0, receiver.refusedSignatures.get(), "every delivery verified");
        for (EventReceiver.Received r : got) {
            JsonNode e = r.event();
            assertEquals(r.webhookId(), e.path("id").asText(), "webhook-id is the event id");
            assertEquals("Dunwell", e.path("source").asText());
            assertEquals(c.id(), e.path("centerId").asText());
            for (String field : List.of("id", "type", "occurredAt", "centerId", "invoiceId", "familyId", "decisionId", "rulesetVersion", "data")) {
                assertTrue(e.has(field), field + " in " + e);
            }
        }
        JsonNode fee = byType(got, "invoice.late_fee_assessed", "INV-FIRST");
        assertEquals("25.00", fee.path("data").path("amount").asText());
        assertEquals("USD", fee.path("data").path("currency").asText());
        assertTrue(fee.path("rulesetVersion").asText().startsWith("sha256:") && !fee.path("decisionId").isNull(), fee.toString());
        assertEquals("GOOD_HISTORY", byType(got, "invoice.late_fee_waived", "INV-WAIVE").path("data").path("reason").asText());
        JsonNode move = byType(got, "invoice.status_changed", "INV-PLAN");
        assertEquals("FIRST", move.path("data").path("from").asText());
        assertEquals("SECOND", move.path("data").path("to").asText());
        assertEquals(4, byType(got, "invoice.payment_plan_offered", "INV-PLAN").path("data").path("installments").size());
        // One decision's events tell its story in the decision's order: the status moves, then the plan is offered.
        List<String> plan = got.stream().map(EventReceiver.Received::event).filter(e -> e.path("invoiceId").asText().equals("INV-PLAN"))
                .map(e -> e.path("type").asText()).toList();
        assertTrue(plan.indexOf("invoice.status_changed") < plan.indexOf("invoice.payment_plan_offered"), "in order: " + plan);
        assertTrue(byType(got, "invoice.comment_added", "INV-CANCEL").path("data").path("text").asText().startsWith("Auto-cancelled on 2026-03-09"));
        assertEquals("DISPUTE_OPEN", byType(got, "invoice.automation_paused", "INV-PAUSE").path("data").path("reason").asText());
        assertEquals("OVERDUE_FIRST", byType(got, "reminder.sent", "INV-FIRST").path("data").path("kind").asText());
        assertEquals("EMAIL", byType(got, "reminder.failed", "INV-BAD").path("data").path("channel").asText());
        assertTrue(byType(got, "reminder.withdrawn", "INV-W").path("data").path("reason").asText().startsWith("no longer owed"));
        assertTrue(got.stream().anyMatch(r -> r.event().path("type").asText().equals("task.created")
                && r.event().path("data").path("taskType").asText().equals("NO_CHANNEL")));
        assertTrue(got.stream().anyMatch(r -> r.event().path("type").asText().equals("reply.classified")
                && r.event().path("data").has("sentiment") && r.event().path("data").has("confidence")));

        // The pull feed holds the same events, in the order they were delivered per invoice.
        List<String> feed = new ArrayList<>();
        String cursor = null;
        while (true) {
            var page = withBootstrapKey().queryParam("centerId", c.id()).queryParam("limit", 7)
                    .queryParam("after", cursor == null ? "" : cursor).get("/api/v1/events").then().statusCode(200).extract().jsonPath();
            List<String> ids = page.getList("events.id");
            if (ids.isEmpty()) {
                break;
            }
            feed.addAll(ids);
            cursor = page.getString("next");
        }
        assertEquals(got.stream().map(EventReceiver.Received::webhookId).collect(Collectors.toSet()), new HashSet<>(feed));
        assertEquals(feed.size(), new HashSet<>(feed).size(), "no event twice in the feed");
        String one = feed.get(0);
        withBootstrapKey().get("/api/v1/events/" + one).then().statusCode(200)
                .body("deliveryState", equalTo("DELIVERED")).body("deliveryAttempts[0].status", equalTo(204));
    }

    private static JsonNode byType(List<EventReceiver.Received> got, String type, String invoice) {
        return got.stream().map(EventReceiver.Received::event)
                .filter(e -> e.path("type").asText().equals(type) && e.path("invoiceId").asText().equals(invoice))
                .findFirst().orElseThrow(() -> new AssertionError("no " + type + " for " + invoice));
    }

    @Test
    void aReceiverDownForAWhileGetsEveryEventOnceInOrderPerInvoice() {
        Center c = center("AUTO", Map.of());
        family(c, "fam-1", "a@example.org", List.of());
        for (int i = 0; i < 4; i++) {
            invoice(c, "INV-" + i, "fam-1", "2026-02-27", "300.00", null);
        }
        receiver.down = true;
        run(c, "first");
        delivery.deliverDue(Instant.now());
        assertTrue(receiver.downAnswers.get() > 0);
        assertEquals(0, receiver.of(c.id()).size());
        // Each invoice's first event waits for its retry, and the invoice's later events wait behind it.
        assertEquals(4, count("select count(*) from event where center_id = ?1 and attempts = 1", c.id()));
        // Back up: a retry after the backoff delivers everything, once, in the order of the feed per invoice.
        receiver.down = false;
        delivery.deliverDue(Instant.now().plusSeconds(7200));
        delivery.deliverDue(Instant.now().plusSeconds(7200));
        List<EventReceiver.Received> got = receiver.of(c.id());
        long events = count("select count(*) from event where center_id = ?1", c.id());
        assertEquals(events, got.size());
        assertEquals(events, got.stream().map(EventReceiver.Received::webhookId).distinct().count(), "each event once");
        Map<String, List<Long>> positions = new LinkedHashMap<>();
        for (EventReceiver.Received r : got) {
            long position = count("select position from event where id = cast(?1 as uuid)", r.webhookId());
            positions.computeIfAbsent(r.event().path("invoiceId").asText(), k -> new ArrayList<>()).add(position);
        }
        positions.forEach((invoice, order) -> assertEquals(order.stream().sorted().toList(), order, "in order for " + invoice));
        assertEquals(0, count("select count(*) from event where center_id = ?1 and delivery_state <> 'DELIVERED'", c.id()));
    }

    @Test
    void anEventThatKeepsFailingIsMarkedFailedShownAndCanBeRedelivered() {
        Center c = center("AUTO", Map.of());
        family(c, "fam-1", "a@example.org", List.of());
        invoice(c, "INV-1", "fam-1", "2026-02-27", "300.00", null);
        receiver.down = true;
        run(c, "x");
        delivery.deliverDue(Instant.now());
        delivery.deliverDue(Instant.now().plusSeconds(4 * 24 * 3600));
        receiver.down = false;
        long failed = count("select count(*) from event where center_id = ?1 and delivery_state = 'FAILED'", c.id());
        assertTrue(failed >= 1);
        withBootstrapKey().get("/api/v1/centers/" + c.id()).then().statusCode(200).body("eventsFailed", equalTo((int) failed));
        String id = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "select cast(id as text) from event where center_id = ?1 and delivery_state = 'FAILED' order by position limit 1")
                .setParameter(1, c.id()).getSingleResult().toString());
        withBootstrapKey().post("/api/v1/events/" + id + "/redeliver").then().statusCode(202);
        delivery.deliverDue(Instant.now());
        assertTrue(receiver.of(c.id()).stream().anyMatch(r -> r.webhookId().equals(id)));
    }

    @Test
    void repeatedRunsAndTwoDeliverersGiveEachEventOnce() {
        Center c = center("AUTO", Map.of());
        for (int f = 0; f < 6; f++) {
            family(c, "fam-" + f, "f" + f + "@example.org", List.of());
            invoice(c, "INV-" + f, "fam-" + f, "2026-02-27", "300.00", null);
        }
        for (String key : List.of("a", "b", "c")) {
            run(c, key);
        }
        long events = count("select count(*) from event where center_id = ?1", c.id());
        assertEquals(events, count("select count(distinct meaning) from event where center_id = ?1", c.id()));
        assertEquals(6, count("select count(*) from event where center_id = ?1 and type = 'invoice.late_fee_assessed'", c.id()),
                "one fee per invoice, whatever the runs");
        CompletableFuture<Integer> one = CompletableFuture.supplyAsync(() -> delivery.deliverDue(Instant.now()));
        CompletableFuture<Integer> two = CompletableFuture.supplyAsync(() -> delivery.deliverDue(Instant.now()));
        one.join();
        two.join();
        delivery.deliverDue(Instant.now());
        List<EventReceiver.Received> got = receiver.of(c.id());
        assertEquals(events, got.size(), "each event delivered once by the two deliverers");
        assertEquals(events, got.stream().map(EventReceiver.Received::webhookId).distinct().count());
    }

    @Test
    void thePullFeedHasNoGapsUnderConcurrentWriters() throws Exception {
        Center c = center("AUTO", Map.of());
        int writers = 4;
        int perWriter = 25;
        Set<String> seen = java.util.Collections.synchronizedSet(new java.util.LinkedHashSet<>());
        List<String> inOrder = java.util.Collections.synchronizedList(new ArrayList<>());
        var done = new java.util.concurrent.atomic.AtomicBoolean();
        CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> {
            String cursor = "";
            while (true) {
                // Whether the writers had all committed before this page was asked for: only then does an empty page mean the end.
                boolean writersDone = done.get();
                var page = withBootstrapKey().queryParam("centerId", c.id()).queryParam("after", cursor).queryParam("limit", 10)
                        .get("/api/v1/events").then().statusCode(200).extract().jsonPath();
                List<String> ids = page.getList("events.id");
                ids.forEach(id -> {
                    assertTrue(seen.add(id), "an event came twice: " + id);
                    inOrder.add(id);
                });
                cursor = page.getString("next");
                if (ids.isEmpty() && writersDone) {
                    break;
                }
            }
        });
        List<CompletableFuture<Void>> writing = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int writer = w;
            writing.add(CompletableFuture.runAsync(() -> {
                for (int i = 0; i < perWriter; i++) {
                    int n = i;
                    QuarkusTransaction.requiringNew().run(() -> {
                        log.record(new EventLog.Draft("task.created", Instant.now(), c.id(), "INV-" + writer, null, null, null,
                                Map.of("n", n), "test:" + c.id() + ":" + writer + ":" + n));
                        // Some transactions take their time to commit: the feed must not skip them.
                        sleep(ThreadLocalRandom.current().nextInt(0, 30));
                    });
                }
            }));
        }
        writing.forEach(CompletableFuture::join);
        done.set(true);
        reader.get(60, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals(writers * perWriter, seen.size(), "every event was read, none skipped");
        List<Long> positions = inOrder.stream().map(id -> count("select position from event where id = cast(?1 as uuid)", id)).toList();
        assertEquals(positions.stream().sorted().toList(), positions, "in feed order");
        withBootstrapKey().queryParam("centerId", c.id()).queryParam("after", "a cursor").get("/api/v1/events").then().statusCode(400)
                .body("errors[0].field", equalTo("after"));
        withBootstrapKey().queryParam("centerId", c.id()).queryParam("limit", 0).get("/api/v1/events").then().statusCode(400)
                .body("errors[0].field", equalTo("limit"));
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void familiesOutsideThePilotAreHandledAsShadow() {
        Center c = center("AUTO", Map.of());
        withBootstrapKey().contentType(ContentType.JSON).body(Map.of("pilot", Map.of("families", List.of("fam-in"))))
                .patch("/api/v1/centers/" + c.id()).then().statusCode(200).body("pilot.families", equalTo(List.of("fam-in")));
        family(c, "fam-in", "in@example.org", List.of());
        family(c, "fam-out", "out@example.org", List.of());
        invoice(c, "INV-IN", "fam-in", "2026-03-02", "300.00", null);
        invoice(c, "INV-OUT", "fam-out", "2026-03-02", "300.00", null);
        run(c, "pilot");
        assertEquals(1, count("select count(*) from event where center_id = ?1 and invoice_id = 'INV-IN' and type = 'invoice.late_fee_assessed'", c.id()));
        assertEquals(0, count("select count(*) from event where center_id = ?1 and invoice_id = 'INV-OUT'", c.id()));
        assertEquals(1, count("select count(*) from invoice where center_id = ?1 and external_id = 'INV-IN' and status = 'FIRST'", c.id()));
        assertEquals(1, count("select count(*) from invoice where center_id = ?1 and external_id = 'INV-OUT' and status = 'UNPAID' "
                + "and not late_fee_assessed", c.id()));
        assertEquals(1, count("select count(*) from outbox where center_id = ?1 and invoice_id = 'INV-OUT' and state = 'DRAFT'", c.id()));
        assertEquals(1, count("select count(*) from outbox where center_id = ?1 and invoice_id = 'INV-IN' and state = 'PENDING'", c.id()));
    }

    @Test
    void badEventsUrlsAndSettingsAreRefusedNamingTheField() {
        Center c = center("AUTO", Map.of());
        for (String bad : List.of("ftp://receiver.example/events", "not a url", "http://user:pw@receiver.example/", "https://receiver.example/#top",
                "https://receiver.example/" + "x".repeat(2100), "/relative/path")) {
            withBootstrapKey().contentType(ContentType.JSON).body(Map.of("eventsUrl", bad)).patch("/api/v1/centers/" + c.id())
                    .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("eventsUrl"));
        }
        withBootstrapKey().get("/api/v1/centers/" + c.id()).then().statusCode(200).body("eventsUrl", equalTo(receiver.urlFor(c.id())));
        withBootstrapKey().contentType(ContentType.JSON).body(Map.of("approval", Map.of("effects", List.of("SEND_FLOWERS"))))
                .patch("/api/v1/centers/" + c.id()).then().statusCode(400).body("errors[0].field", equalTo("approval.effects[0]"));
        withBootstrapKey().contentType(ContentType.JSON).body(Map.of("approval", Map.of("balanceAbove", "12.345")))
                .patch("/api/v1/centers/" + c.id()).then().statusCode(400).body("errors[0].field", equalTo("approval.balanceAbove"));
        withBootstrapKey().contentType(ContentType.JSON).body(Map.of("pilot", Map.of("percent", 101)))
                .patch("/api/v1/centers/" + c.id()).then().statusCode(400).body("errors[0].field", equalTo("pilot.percent"));
        // A new secret signs from now on; the receiver that knows it verifies the next delivery.
        String rotated = withBootstrapKey().post("/api/v1/centers/" + c.id() + "/events-secret").then().statusCode(200)
                .body("eventsSecret", startsWith("whsec_")).extract().path("eventsSecret");
        receiver.secretOf(c.id(), rotated);
        family(c, "fam-1", "a@example.org", List.of());
        invoice(c, "INV-1", "fam-1", "2026-03-02", "300.00", null);
        run(c, "rotated");
        int refusedBefore = receiver.refusedSignatures.get();
        delivery.deliverDue(Instant.now());
        assertEquals(refusedBefore, receiver.refusedSignatures.get());
        assertFalse(receiver.of(c.id()).isEmpty());
    }
}
