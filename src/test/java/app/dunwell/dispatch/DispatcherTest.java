package app.dunwell.dispatch;

import app.dunwell.SignedEvents;
import app.dunwell.TestPorts;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Delivery through a real embedded SMTP server (GreenMail) and a real local HTTP server standing in
 * for the SMS and in-app providers. The clock is the test's: deliveries happen "at" a chosen instant.
 * Every delivery names its outbox row: {@code Message-ID: <outbox id@dunwell>} on email, {@code Idempotency-Key: <outbox id>}
 * on the providers' requests, the same on every attempt.
 */
@QuarkusTest
@TestProfile(DispatcherTest.Providers.class)
public class DispatcherTest {
    public static final int SMTP_PORT = TestPorts.named("dispatcher-smtp");
    public static final int HTTP_PORT = TestPorts.named("dispatcher-http");
    private static final String BOOTSTRAP = "Bearer test-bootstrap-key";
    private static final Instant AS_OF = Instant.parse("2026-03-09T15:00:00Z");
    private static GreenMail smtp;
    private static HttpServer providers;
    private static final List<String> SMS = new CopyOnWriteArrayList<>();
    /** Every request the SMS provider received, answered or not: {Idempotency-Key, body}. */
    private static final List<String[]> SMS_REQUESTS = new CopyOnWriteArrayList<>();

    public static class Providers implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("dunwell.dispatch.smtp.host", "127.0.0.1", "dunwell.dispatch.smtp.port", String.valueOf(SMTP_PORT),
                    "dunwell.dispatch.sms-url", "http://127.0.0.1:" + HTTP_PORT + "/sms",
                    "dunwell.dispatch.in-app-url", "http://127.0.0.1:" + HTTP_PORT + "/in-app");
        }
    }

    @Inject
    Dispatcher dispatcher;
    @Inject
    EntityManager em;

    private String center;
    private String secret;

    @BeforeAll
    static void startProviders() throws Exception {
        smtp = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", "smtp"));
        smtp.start();
        providers = HttpServer.create(new InetSocketAddress("127.0.0.1", HTTP_PORT), 0);
        providers.createContext("/sms", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            SMS_REQUESTS.add(new String[]{exchange.getRequestHeaders().getFirst("Idempotency-Key"), body});
            if (body.contains("+15550000408")) {
                // Answers long after the client's 10 s read timeout.
                try {
                    Thread.sleep(20_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            int status = body.contains("+15550000500") ? 500 : body.contains("+15550000429") ? 429
                    : body.contains("+15550000400") ? 400 : 202;
            if (status == 202) {
                SMS.add(body);
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        // Several requests at once (the slow answer above must not hold up the others).
        providers.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        providers.start();
    }

    @AfterAll
    static void stopProviders() {
        if (smtp != null) {
            smtp.stop();
        }
        if (providers != null) {
            providers.stop(0);
        }
    }

    @BeforeEach
    void center() {
        center = "ctr-send-" + UUID.randomUUID().toString().substring(0, 8);
        secret = given().contentType(ContentType.JSON).header("Authorization", BOOTSTRAP)
                .body(Map.of("id", center, "name", "Sunny Days", "timezone", "America/New_York", "mode", "AUTO"))
                .post("/api/v1/centers").then().statusCode(201).extract().path("webhookSecret");
    }

    private void family(String id, String channel, String email, String phone) throws Exception {
        Map<String, Object> data = new LinkedHashMap<>(Map.of("familyId", id, "firstName", "Ana", "preferredChannel", channel,
                "children", List.of(Map.of("firstName", "Mateo"))));
        if (email != null) data.put("email", email);
        if (phone != null) data.put("phone", phone);
        event("family.updated", data);
        event("invoice.created", Map.of("invoiceId", "INV-" + id, "familyId", id, "issuedOn", "2026-02-01", "dueOn", "2026-03-02", "total", "850.00"));
    }

    private void event(String type, Map<String, Object> data) {
        new SignedEvents(center, secret).send(type, data);
    }

    private void run() throws InterruptedException {
        String id = given().contentType(ContentType.JSON).header("Authorization", BOOTSTRAP)
                .body(Map.of("centerId", center, "asOf", AS_OF.toString())).post("/api/v1/runs").then().statusCode(202).extract().path("id");
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (given().header("Authorization", BOOTSTRAP).get("/api/v1/runs/" + id).then().extract().path("finishedAt") == null) {
            assertTrue(Instant.now().isBefore(deadline), "run did not finish");
            Thread.sleep(100);
        }
    }

    /** The id of the center's one outbox row for the invoice. */
    private String outboxId(String invoiceId) {
        return QuarkusTransaction.requiringNew().call(() -> String.valueOf(em.createNativeQuery(
                "select cast(id as text) from outbox where center_id = ?1 and invoice_id = ?2")
                .setParameter(1, center).setParameter(2, invoiceId).getSingleResult()));
    }

    /** The Idempotency-Key of every request the SMS provider received for a phone number, in order. */
    private static List<String> smsKeysFor(String phone) {
        return SMS_REQUESTS.stream().filter(r -> r[1].contains(phone)).map(r -> r[0]).toList();
    }

    private long count(String sql) {
        return QuarkusTransaction.requiringNew().call(() ->
                ((Number) em.createNativeQuery(sql).setParameter(1, center).getSingleResult()).longValue());
    }

    @Test
    void remindersGoOutByEmailAndSmsAndBecomeContactsTheNextDecisionCounts() throws Exception {
        family("fam-mail", "EMAIL", "ana@example.org", null);
        family("fam-sms", "SMS", null, "+15555550111");
        run();
        int mailsBefore = smtp.getReceivedMessages().length;
        dispatcher.dispatchDue(AS_OF.plusSeconds(1), center);
        MimeMessage[] mails = smtp.getReceivedMessages();
        assertEquals(mailsBefore + 1, mails.length);
        MimeMessage mail = mails[mails.length - 1];
        assertTrue(mail.getSubject().contains("INV-fam-mail"), mail.getSubject());
        assertEquals("ana@example.org", mail.getAllRecipients()[0].toString());
        assertEquals("<" + outboxId("INV-fam-mail") + "@dunwell>", mail.getMessageID(), "the email names its outbox row");
        assertTrue(SMS.stream().anyMatch(s -> s.contains("+15555550111") && s.contains("INV-fam-sms") && s.contains("$850.00")), SMS.toString());
        assertEquals(List.of(outboxId("INV-fam-sms")), smsKeysFor("+15555550111"), "the SMS request names its outbox row");
        assertEquals(2, count("select count(*) from contact where center_id = ?1"));
        assertEquals(2, count("select count(*) from outbox where center_id = ?1 and state = 'SENT'"));

        run();
        assertEquals(2, count("select count(*) from outbox where center_id = ?1"), "the notices sent are not queued again");
        assertEquals(0, count("select count(*) from outbox where state = 'PENDING' and center_id = ?1"), "nothing new to send");

        List<String> timeline = given().header("Authorization", BOOTSTRAP).queryParam("centerId", center)
                .get("/api/v1/invoices/INV-fam-mail/timeline").then().statusCode(200).extract().path("type");
        assertTrue(timeline.containsAll(List.of("DECISION", "STATUS_CHANGE", "REMINDER_QUEUED", "CONTACT")), timeline.toString());
        given().header("Authorization", BOOTSTRAP).queryParam("centerId", center).get("/api/v1/invoices/INV-fam-mail/timeline")
                .then().body("find { it.type == 'DECISION' }.details.trace.source", org.hamcrest.Matchers.hasItem("rules/progression.drl"))
                .body("findAll { it.type != 'REPLY' }.source", org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.equalTo("Dunwell")));
    }

    @Test
    void theKillSwitchHoldsEverythingAndNothingIsLost() throws Exception {
        family("fam-k", "EMAIL", "kim@example.org", null);
        run();
        given().contentType(ContentType.JSON).header("Authorization", BOOTSTRAP).body(Map.of("active", true))
                .post("/api/v1/centers/" + center + "/kill-switch").then().statusCode(200);
        dispatcher.dispatchDue(AS_OF.plusSeconds(1), center);
        assertEquals(1, count("select count(*) from outbox where center_id = ?1 and state = 'PENDING' and attempts = 0"));
        given().contentType(ContentType.JSON).header("Authorization", BOOTSTRAP).body(Map.of("active", false))
                .post("/api/v1/centers/" + center + "/kill-switch").then().statusCode(200);
        given().contentType(ContentType.JSON).header("Authorization", BOOTSTRAP).body(Map.of("active", true))
                .post("/api/v1/kill-switch").then().statusCode(200);
        dispatcher.dispatchDue(AS_OF.plusSeconds(2), center);
        assertEquals(1, count("select count(*) from outbox where center_id = ?1 and state = 'PENDING'"));
        given().contentType(ContentType.JSON).header("Authorization", BOOTSTRAP).body(Map.of("active", false))
                .post("/api/v1/kill-switch").then().statusCode(200);
        dispatcher.dispatchDue(AS_OF.plusSeconds(3), center);
        assertEquals(1, count("select count(*) from outbox where center_id = ?1 and state = 'SENT'"));
    }

    @Test
    void aReminderTheFamilyOutranByPayingOrReplyingIsWithdrawnNotSent() throws Exception {
        family("fam-pays", "EMAIL", "pat@example.org", null);
        family("fam-replies", "EMAIL", "rae@example.org", null);
        run();
        event("payment.succeeded", Map.of("paymentId", "p-" + center, "invoiceId", "INV-fam-pays", "amount", "850.00", "paidOn", "2026-03-09"));
        event("reply.received", Map.of("familyId", "fam-replies", "invoiceId", "INV-fam-replies", "receivedAt", AS_OF.plusSeconds(60).toString(),
                "text", "I lost my job last month and I cannot pay this right now, please help"));
        int mailsBefore = smtp.getReceivedMessages().length;
        dispatcher.dispatchDue(AS_OF.plusSeconds(120), center);
        assertEquals(mailsBefore, smtp.getReceivedMessages().length, "nothing sent");
        assertEquals(0, count("select count(*) from contact where center_id = ?1"));
        assertEquals(1, count("select count(*) from outbox where center_id = ?1 and invoice_id = 'INV-fam-pays' and state = 'WITHDRAWN' "
                + "and last_error like 'no longer owed%'"));
        assertEquals(1, count("select count(*) from outbox where center_id = ?1 and invoice_id = 'INV-fam-replies' and state = 'WITHDRAWN' "
                + "and last_error like 'paused (HARDSHIP)%'"));
    }

    @Test
    void aFailingProviderIsRetriedWithBackoffAndAHopelessOneBecomesATask() throws Exception {
        family("fam-retry", "SMS", null, "+15550000500");
        family("fam-busy", "SMS", null, "+15550000429");
        family("fam-hopeless", "SMS", null, "+15550000400");
        family("fam-bad-address", "EMAIL", "not an address", null);
        run();
        dispatcher.dispatchDue(AS_OF.plusSeconds(1), center);
        for (String retried : List.of("INV-fam-retry", "INV-fam-busy")) {
            assertEquals(1, count("select count(*) from outbox where center_id = ?1 and invoice_id = '" + retried + "' "
                    + "and state = 'PENDING' and attempts = 1 and next_attempt_at = timestamptz '2026-03-09 15:00:31+00'"), retried);
        }
        for (String hopeless : List.of("INV-fam-hopeless", "INV-fam-bad-address")) {
            assertEquals(1, count("select count(*) from outbox where center_id = ?1 and invoice_id = '" + hopeless + "' "
                    + "and state = 'FAILED' and attempts = 1"), hopeless + " failed for good at the first attempt");
            assertEquals(1, count("select count(*) from task where center_id = ?1 and invoice_id = '" + hopeless + "' and type = 'NO_CHANNEL'"));
        }
        assertEquals(1, count("select count(*) from outbox where center_id = ?1 and invoice_id = 'INV-fam-bad-address' "
                + "and last_error = 'bad email address'"));
        dispatcher.dispatchDue(AS_OF.plusSeconds(10), center);
        assertEquals(1, count("select count(*) from outbox where center_id = ?1 and invoice_id = 'INV-fam-retry' and attempts = 1"),
                "not retried before its time");
        dispatcher.dispatchDue(AS_OF.plusSeconds(40), center);
        assertEquals(1, count("select count(*) from outbox where center_id = ?1 and invoice_id = 'INV-fam-retry' and attempts = 2"));
        String retryId = outboxId("INV-fam-retry");
        assertEquals(List.of(retryId, retryId), smsKeysFor("+15550000500"), "both attempts carry the outbox row's id");
    }

    @Test
    void aProviderThatDoesNotAnswerWithinTenSecondsIsRetried() throws Exception {
        family("fam-slow", "SMS", null, "+15550000408");
        run();
        long started = System.nanoTime();
        dispatcher.dispatchDue(AS_OF.plusSeconds(1), center);
        long tookMs = (System.nanoTime() - started) / 1_000_000;
        assertTrue(tookMs >= 9_000 && tookMs < 19_000, "gave up after the 10 s read timeout, before the answer: " + tookMs + " ms");
        assertEquals(1, count("select count(*) from outbox where center_id = ?1 and invoice_id = 'INV-fam-slow' "
                + "and state = 'PENDING' and attempts = 1 and last_error like 'provider unreachable%'"));
    }
}
