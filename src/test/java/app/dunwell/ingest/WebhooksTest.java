package app.dunwell.ingest;

import app.dunwell.state.StoredReply;
import app.dunwell.state.StoredInvoice;
import app.dunwell.state.StoredFamily;
import com.standardwebhooks.Webhook;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Signed webhooks from a billing platform, against the real PostgreSQL. */
@QuarkusTest
class WebhooksTest {
    private String center;
    private String secret;

    @BeforeEach
    void newCenter() {
        center = "ctr-" + UUID.randomUUID().toString().substring(0, 8);
        secret = given().contentType(ContentType.JSON).header("Authorization", "Bearer test-bootstrap-key")
                .body(Map.of("id", center, "name", "Sunny Days", "timezone", "America/New_York",
                        "settings", Map.of("dueDays", 30)))
                .when().post("/api/v1/centers")
                .then().statusCode(201).body("mode", equalTo("SHADOW"))
                .extract().path("webhookSecret");
    }

    private Response send(String id, long timestamp, String signingSecret, String type, Map<String, Object> data) throws Exception {
        Map<String, Object> event = new java.util.LinkedHashMap<>(Map.of("type", type));
        Map<String, Object> withCenter = new java.util.LinkedHashMap<>(data);
        withCenter.put("centerId", center);
        event.put("data", withCenter);
        String payload = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(event);
        String signature = new Webhook(signingSecret).sign(id, timestamp, payload);
        return given().contentType(ContentType.JSON).body(payload)
                .header("webhook-id", id).header("webhook-timestamp", String.valueOf(timestamp)).header("webhook-signature", signature)
                .when().post("/api/v1/webhooks/platform");
    }

    private Response send(String type, Map<String, Object> data) throws Exception {
        return send("msg_" + UUID.randomUUID(), Instant.now().getEpochSecond(), secret, type, data);
    }

    private StoredInvoice invoice(String id) {
        return QuarkusTransaction.requiringNew().call(() ->
                StoredInvoice.<StoredInvoice>find("centerId = ?1 and externalId = ?2", center, id).firstResult());
    }

    private long events() {
        return QuarkusTransaction.requiringNew().call(() ->
                ((Number) StoredInvoice.getEntityManager().createNativeQuery("select count(*) from webhook_event where center_id = ?1")
                        .setParameter(1, center).getSingleResult()).longValue());
    }

    @Test
    void anInvoiceWithoutADueDateGetsOneFromDueDays() throws Exception {
        send("invoice.created", Map.of("invoiceId", "INV-1", "familyId", "fam-1", "issuedOn", "2026-03-01", "total", "850.00"))
                .then().statusCode(200).body("duplicate", equalTo(false));
        StoredInvoice stored = invoice("INV-1");
        assertEquals(LocalDate.of(2026, 3, 31), stored.dueOn, "the center's dueDays (30) after the issue date");
        assertEquals(0, new BigDecimal("850.00").compareTo(stored.balance));
    }

    @Test
    void theStoredSecretIsSealedSoADumpCannotSign() throws Exception {
        String stored = QuarkusTransaction.requiringNew().call(() -> (String) StoredInvoice.getEntityManager()
                .createNativeQuery("select webhook_secret from center where id = ?1").setParameter(1, center).getSingleResult());
        org.junit.jupiter.api.Assertions.assertTrue(stored.startsWith("v1:"), stored);
        org.junit.jupiter.api.Assertions.assertFalse(stored.contains(secret.substring("whsec_".length())), "the secret is not in the row");
        // What a dump holds does not sign: as a key it is refused like any wrong key.
        String asKey = "whsec_" + java.util.Base64.getEncoder().encodeToString(stored.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        send("msg_" + UUID.randomUUID(), Instant.now().getEpochSecond(), asKey, "invoice.created",
                Map.of("invoiceId", "INV-DUMP", "total", "10.00")).then().statusCode(401);
        send("invoice.created", Map.of("invoiceId", "INV-DUMP", "total", "10.00")).then().statusCode(200);
    }

    @Test
    void aBadOrStaleSignatureIsRefusedAndStoresNothing() throws Exception {
        send("msg_1", Instant.now().getEpochSecond(), "whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[32]),
                "invoice.created", Map.of("invoiceId", "INV-X", "total", "10.00"))
                .then().statusCode(401).contentType("application/problem+json");
        send("msg_2", Instant.now().minusSeconds(600).getEpochSecond(), secret,
                "invoice.created", Map.of("invoiceId", "INV-X", "total", "10.00"))
                .then().statusCode(401);
        given().contentType(ContentType.JSON).body("{\"type\":\"invoice.created\",\"data\":{\"centerId\":\"" + center + "\"}}")
                .when().post("/api/v1/webhooks/platform").then().statusCode(401);
        assertNull(invoice("INV-X"));
        assertEquals(0, events());
    }

    @Test
    void aRepeatedWebhookIdIsAcknowledgedAndAppliedOnce() throws Exception {
        send("invoice.created", Map.of("invoiceId", "INV-2", "issuedOn", "2026-03-01", "total", "500.00")).then().statusCode(200);
        long now = Instant.now().getEpochSecond();
        Map<String, Object> payment = Map.of("paymentId", "pay-1", "invoiceId", "INV-2", "amount", "100.00", "paidOn", "2026-03-05");
        send("msg_pay", now, secret, "payment.succeeded", payment).then().statusCode(200).body("duplicate", equalTo(false));
        send("msg_pay", now, secret, "payment.succeeded", payment).then().statusCode(200).body("duplicate", equalTo(true));
        assertEquals(0, new BigDecimal("400.00").compareTo(invoice("INV-2").balance));
    }

    @Test
    void aPaymentThatArrivesBeforeItsInvoiceIsNotLost() throws Exception {
        send("payment.succeeded", Map.of("paymentId", "pay-early", "invoiceId", "INV-3", "amount", "200.00")).then().statusCode(200);
        send("invoice.created", Map.of("invoiceId", "INV-3", "issuedOn", "2026-03-01", "total", "850.00")).then().statusCode(200);
        assertEquals(0, new BigDecimal("650.00").compareTo(invoice("INV-3").balance));
    }

    @Test
    void aReplyIsClassifiedAndStoredWithItsSentimentAndPromise() throws Exception {
        send("reply.received", Map.of("familyId", "fam-9", "invoiceId", "INV-1", "text", "I'll pay on Friday, promise",
                "receivedAt", "2026-03-11T15:00:00Z", "channel", "SMS")).then().statusCode(200);
        StoredReply reply = QuarkusTransaction.requiringNew().call(() ->
                StoredReply.<StoredReply>find("centerId = ?1 and familyId = ?2", center, "fam-9").firstResult());
        assertEquals("PROMISE_TO_PAY", reply.sentiment);
        assertEquals(LocalDate.of(2026, 3, 13), reply.promisedOn);
    }

    @Test
    void aMalformedEventIsRefusedNamingTheFieldAndStoresNothing() throws Exception {
        send("payment.succeeded", Map.of("paymentId", "pay-2", "invoiceId", "INV-4", "amount", "-5"))
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("data.amount"));
        send("invoice.created", Map.of("invoiceId", "INV-5", "dueOn", "someday"))
                .then().statusCode(400).body("errors[0].field", equalTo("data.dueOn"));
        send("invoice.exploded", Map.of("invoiceId", "INV-6"))
                .then().statusCode(400).body("errors[0].field", equalTo("type"));
        assertEquals(0, events());
    }

    @Test
    void familyUpdatesAreKept() throws Exception {
        send("family.updated", Map.of("familyId", "fam-1", "firstName", "Ana", "email", "ana@example.org",
                "preferredChannel", "SMS", "optedOut", List.of("EMAIL"), "flags", List.of("HARDSHIP"))).then().statusCode(200);
        StoredFamily family = QuarkusTransaction.requiringNew().call(() ->
                StoredFamily.<StoredFamily>find("centerId = ?1 and externalId = ?2", center, "fam-1").firstResult());
        assertEquals("Ana", family.firstName);
        assertEquals("[\"HARDSHIP\"]", family.flags);
    }

    @Test
    void onlyTheBootstrapKeySetsUpCenters() {
        given().contentType(ContentType.JSON).body(Map.of("id", "ctr-nope"))
                .when().post("/api/v1/centers").then().statusCode(401).contentType("application/problem+json");
        given().contentType(ContentType.JSON).header("Authorization", "Bearer wrong").body(Map.of("id", "ctr-nope"))
                .when().post("/api/v1/centers").then().statusCode(401);
        given().contentType(ContentType.JSON).header("Authorization", "Bearer test-bootstrap-key").body(Map.of("id", center))
                .when().post("/api/v1/centers").then().statusCode(409);
    }
}
