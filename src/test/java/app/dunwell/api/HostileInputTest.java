package app.dunwell.api;

import app.dunwell.SignedEvents;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static app.dunwell.TestKeys.withBootstrapKey;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What a hostile caller sent (issue 9), each case once more: amplification by huge numbers and settings, values that
 * answered 500, NUL characters anywhere, money the database cannot keep. Each is a 400 (or 413/414) problem naming the
 * field, and changes nothing.
 */
@QuarkusTest
class HostileInputTest {
    @Inject
    EntityManager em;

    private long decisions() {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery("select count(*) from decision_record")
                .getSingleResult()).longValue());
    }

    private static ValidatableResponse problem(ValidatableResponse response, int status) {
        return response.statusCode(status).contentType("application/problem+json").body("status", equalTo(status));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            {"asOf":"2026-03-09T15:00:00Z","invoice":{"id":"I","balance":"1e1000000"}}                        | invoice.balance
            {"asOf":"2026-03-09T15:00:00Z","invoice":{"id":"I","balance":1e1000000}}                          | invoice.balance
            {"asOf":"2026-03-09T15:00:00Z","invoice":{"id":"I","balance":1E3}}                                | invoice.balance
            {"asOf":"2026-03-09T15:00:00Z","invoice":{"id":"I","balance":12345678901234567.89}}               | invoice.balance
            {"asOf":"2026-03-09T15:00:00Z","invoice":{"id":"I","balance":"10000000000.00"}}                   | invoice.balance
            {"asOf":"2026-03-09T15:00:00Z","invoice":{"id":"I","balance":""}}                                 | invoice.balance
            {"asOf":"2026-03-09T15:00:00Z","invoice":{"id":"I","balance":"1.00","dueOn":""}}                  | invoice.dueOn
            {"asOf":"2026-03-09T15:00:00Z","invoice":{"id":"I","balance":"1.00","statusSetManually":""}}      | invoice.statusSetManually
            {"asOf":"","invoice":{"id":"I","balance":"1.00"}}                                                 | asOf
            {"asOf":"+999999999-12-31T23:59:59Z","invoice":{"id":"I","balance":"1.00"}}                       | asOf
            {"asOf":"2026-03-09T15:00:00Z","invoice":{"id":"I","balance":"1.00","dueOn":"+999999999-12-31"}}  | invoice.dueOn
            {"asOf":"2026-03-09T15:00:00Z","invoice":{"id":"I\\u0000","balance":"1.00"}}                      | invoice.id
            {"asOf":"2026-03-09T15:00:00Z","family":{"contact":{"firstName":"A\\u0000"}},"invoice":{"id":"I","balance":"1.00"}} | family.contact.firstName
            {"asOf":"2026-03-09T15:00:00Z","invoice":{"id":"I","balance":"1.00"},"center":{"settings":{"paymentPlan":{"maxInstallments":100000}}}} | center.settings.paymentPlan.maxInstallments
            {"asOf":"2026-03-09T15:00:00Z","invoice":{"id":"I","balance":"1.00"},"center":{"settings":{"paymentPlan":{"intervalDays":2147483647}}}} | center.settings.paymentPlan.intervalDays
            {"asOf":"2026-03-09T15:00:00Z","invoice":{"id":"I","balance":"1.00"},"center":{"settings":{"graceDays":99999999999}}} | center.settings.graceDays
            {"asOf":"2026-03-09T15:00:00Z","invoice":{"id":"I","balance":"1.00"},"center":{"settings":{"overdue":{"first":20,"second":12}}}} | center.settings.overdue.second
            {"asOf":"2026-03-09T15:00:00Z","invoice":{"id":"I","balance":"1.00"},"history":{"replies":[{"at":"2026-03-01T00:00:00Z","sentiment":"HARDSHIP","confidence":1.5}]}} | history.replies[0].confidence
            """)
    void theDecisionEndpointRefusesAndNamesTheField(String body, String field) {
        long before = decisions();
        problem(given().contentType(ContentType.JSON).body(body).post("/api/v1/decisions").then(), 400)
                .body("errors[0].field", equalTo(field));
        assertEquals(before, decisions(), "nothing was stored");
    }

    @Test
    void theLargestAmountTheDatabaseKeepsIsDecided() {
        given().contentType(ContentType.JSON).body("""
                {"asOf":"2026-03-09T15:00:00Z","invoice":{"id":"I","balance":9999999999.99,"dueOn":"2026-03-02"}}""")
                .post("/api/v1/decisions").then().statusCode(200).body("actions.find { it.type == 'ASSESS_LATE_FEE' }.amount", equalTo("25.00"));
    }

    @Test
    void aRequestWithManyBadEntriesListsAtMostAHundred() {
        String contacts = String.join(",", java.util.Collections.nCopies(150, "{\"channel\":\"EMAIL\"}"));
        problem(given().contentType(ContentType.JSON).body("{\"asOf\":\"2026-03-09T15:00:00Z\",\"invoice\":{\"id\":\"I\",\"balance\":\"1.00\"},"
                + "\"history\":{\"contacts\":[" + contacts + "]}}").post("/api/v1/decisions").then(), 400)
                .body("errors", hasSize(100)).body("detail", containsString("150 fields are invalid"));
        String tooMany = String.join(",", java.util.Collections.nCopies(10_001, "{\"at\":\"2026-03-01T00:00:00Z\",\"type\":\"STAFF_CALL\"}"));
        problem(given().contentType(ContentType.JSON).body("{\"asOf\":\"2026-03-09T15:00:00Z\",\"invoice\":{\"id\":\"I\",\"balance\":\"1.00\"},"
                + "\"history\":{\"tasks\":[" + tooMany + "]}}").post("/api/v1/decisions").then(), 400)
                .body("errors[0].field", equalTo("history.tasks"));
    }

    @Test
    void nulInAPathOrAQueryIsA400NamingIt() {
        problem(withBootstrapKey().urlEncodingEnabled(false).get("/api/v1/invoices/INV%00X/timeline?centerId=c").then(), 400)
                .body("errors[0].field", equalTo("path"));
        problem(withBootstrapKey().urlEncodingEnabled(false).get("/api/v1/invoices/INV/timeline?centerId=c%00").then(), 400)
                .body("errors[0].field", equalTo("centerId"));
        problem(withBootstrapKey().urlEncodingEnabled(false).get("/api/v1/decisions/%00").then(), 400);
    }

    @Test
    void bodiesAboveTheServersLimitAndLongUrisAreProblemsToo() {
        problem(given().contentType(ContentType.JSON).body(new byte[21 * 1024 * 1024]).post("/api/v1/decisions").then(), 413);
        problem(given().get("/api/v1/decisions/" + "a".repeat(9000)).then(), 414);
    }

    @Test
    void otherEndpointsRefuseWhatAnsweredFiveHundred() {
        problem(withBootstrapKey().contentType(ContentType.JSON).body("{\"name\":\"k\",\"roles\":[null],\"centerId\":\"x\"}")
                .post("/api/v1/keys").then(), 400).body("errors[0].field", equalTo("roles"));
        problem(withBootstrapKey().contentType(ContentType.JSON).body("""
                {"kind":"OVERDUE_SECOND","context":{"invoiceNumber":"INV-1","balance":"850.00","dueOn":"2026-03-02",
                 "paymentLink":"https://pay.example/1","installments":[{"dueOn":"2026-03-20"}]}}""")
                .post("/api/v1/messages/preview").then(), 400).body("errors[0].field", equalTo("context.installments[0].amount"));
        problem(withBootstrapKey().contentType(ContentType.JSON).body("{\"text\":\"hello\\u0000\"}").post("/api/v1/replies/classify").then(), 400)
                .body("errors[0].field", equalTo("text"));
        problem(withBootstrapKey().contentType(ContentType.JSON).body("{\"id\":\"c\\u0000\"}").post("/api/v1/centers").then(), 400)
                .body("errors[0].field", equalTo("id"));
        problem(withBootstrapKey().contentType(ContentType.JSON).body("{\"centerId\":\"c\",\"asOf\":\"+999999999-12-31T23:59:59Z\"}")
                .post("/api/v1/runs").then(), 400).body("errors[0].field", equalTo("asOf"));
    }

    @Test
    void signedWebhooksWithMoneyTheDatabaseCannotKeepAreRefusedAndStoreNothing() {
        String center = "hostile-" + UUID.randomUUID().toString().substring(0, 8);
        String secret = withBootstrapKey().contentType(ContentType.JSON).body(Map.of("id", center)).post("/api/v1/centers")
                .then().statusCode(201).extract().path("webhookSecret");
        SignedEvents events = new SignedEvents(center, secret);
        events.send("invoice.created", Map.of("invoiceId", "INV-1", "total", "100.00", "dueOn", "2026-03-02"));
        for (Object[] bad : List.of(
                new Object[] {"payment.succeeded", Map.of("paymentId", "p1", "invoiceId", "INV-1", "amount", "0.001"), "data.amount"},
                new Object[] {"payment.succeeded", Map.of("paymentId", "p2", "invoiceId", "INV-1", "amount", "10000000000.00"), "data.amount"},
                new Object[] {"invoice.updated", Map.of("invoiceId", "INV-1", "balance", "99999999999999"), "data.balance"},
                new Object[] {"payment.succeeded", Map.of("paymentId", "p3", "invoiceId", "INV-1", "amount", "1e3"), "data.amount"},
                new Object[] {"reply.received", Map.of("familyId", "f\u0000", "text", "hello"), "data.familyId"},
                new Object[] {"family.updated", Map.of("familyId", "f1", "firstName", "A\u0000"), "data.firstName"},
                new Object[] {"reply.received", Map.of("familyId", "f1", "text", "hi", "receivedAt", "+999999999-12-31T23:59:59Z"), "data.receivedAt"})) {
            var answer = events.post((String) bad[0], castMap(bad[1]));
            assertEquals(400, answer.statusCode(), bad[0] + " " + bad[1] + " -> " + answer.asString());
            problem(answer.then(), 400).body("errors[0].field", equalTo(bad[2]));
        }
        long payments = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from payment where center_id = ?1").setParameter(1, center).getSingleResult()).longValue());
        assertEquals(0, payments, "no payment was stored");
        String balance = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "select balance::text from invoice where center_id = ?1").setParameter(1, center).getSingleResult().toString());
        assertEquals("100.00", balance);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object map) {
        return (Map<String, Object>) map;
    }
}
