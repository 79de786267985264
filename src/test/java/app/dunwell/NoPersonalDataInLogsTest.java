package app.dunwell;

import app.dunwell.dispatch.Dispatcher;
import app.dunwell.run.EvaluationRuns;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.LogRecord;

import static app.dunwell.TestKeys.withBootstrapKey;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Nothing a family wrote, or that reaches a family, appears in a log line: not through PostgreSQL's error context, not
 * through an exception's message, not through a failed delivery. The flows that once leaked run here with recognisable
 * values, and every log record of the service (message, parameters and exception chain) is searched for them.
 */
@QuarkusTest
class NoPersonalDataInLogsTest {
    private static final String EMAIL = "pii.ana.zzyzx@example.org";
    private static final String BAD_EMAIL = "pii zzyzx not an address@@example";
    private static final String PHONE = "+15559871234";
    private static final String LAST_NAME = "Zzyzxcontreras";
    private static final String FIRST_NAME = "Qwertyana";
    private static final String REPLY = "PII-REPLY-TEXT we lost our jobs at Zzyzx Mills";
    private static final List<String> PERSONAL = List.of(EMAIL, "pii.ana.zzyzx", BAD_EMAIL, PHONE, "5559871234", LAST_NAME, FIRST_NAME,
            "PII-REPLY-TEXT", "Zzyzx Mills");

    @Inject
    EvaluationRuns runs;
    @Inject
    Dispatcher dispatcher;
    @Inject
    EntityManager em;

    private final List<String> lines = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            StringBuilder line = new StringBuilder(String.valueOf(record.getMessage()));
            if (record.getParameters() != null) {
                for (Object p : record.getParameters()) {
                    line.append(" | ").append(p);
                }
            }
            for (Throwable t = record.getThrown(); t != null; t = t.getCause()) {
                line.append(" | ").append(t);
            }
            synchronized (lines) {
                lines.add(record.getLoggerName() + ": " + line);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void listen() {
        java.util.logging.Logger.getLogger("").addHandler(capture);
    }

    @AfterEach
    void stop() {
        java.util.logging.Logger.getLogger("").removeHandler(capture);
    }

    @Test
    void theFlowsThatLeakedLogNoPersonalData() throws Exception {
        String center = "pii-" + UUID.randomUUID().toString().substring(0, 8);
        String secret = withBootstrapKey().contentType(ContentType.JSON)
                .body(Map.of("id", center, "timezone", "America/New_York", "mode", "AUTO")).post("/api/v1/centers")
                .then().statusCode(201).extract().path("webhookSecret");
        SignedEvents events = new SignedEvents(center, secret);
        events.send("family.updated", Map.of("familyId", "fam-1", "firstName", FIRST_NAME, "lastName", LAST_NAME, "email", EMAIL,
                "phone", PHONE, "preferredChannel", "EMAIL"));
        events.send("family.updated", Map.of("familyId", "fam-2", "firstName", FIRST_NAME, "lastName", LAST_NAME, "email", BAD_EMAIL,
                "preferredChannel", "EMAIL"));
        events.send("invoice.created", Map.of("invoiceId", "INV-1", "familyId", "fam-1", "issuedOn", "2026-02-01", "dueOn", "2026-03-02",
                "total", "850.00"));
        events.send("invoice.created", Map.of("invoiceId", "INV-2", "familyId", "fam-2", "issuedOn", "2026-02-01", "dueOn", "2026-03-02",
                "total", "850.00"));
        events.send("reply.received", Map.of("familyId", "fam-1", "invoiceId", "INV-1", "text", REPLY, "receivedAt", "2026-03-05T15:00:00Z"));
        // Bad input carrying personal data: refused, and the refusal logs none of it.
        given().contentType(ContentType.JSON).body("{\"asOf\":\"2026-03-09T15:00:00Z\",\"family\":{\"contact\":{\"email\":\"" + EMAIL
                + "\\u0000\",\"lastName\":\"" + LAST_NAME + "\"}},\"invoice\":{\"id\":\"I\",\"balance\":\"1.00\"}}")
                .post("/api/v1/decisions").then().statusCode(400);
        given().contentType(ContentType.JSON).body("{\"asOf\":\"2026-03-09T15:00:00Z\",\"family\":{\"contact\":{\"email\":\"" + EMAIL
                + "\",\"phone\":\"" + PHONE + "\"}},\"invoice\":{\"id\":\"I\",\"balance\":\"1.001\"}}")
                .post("/api/v1/decisions").then().statusCode(400);
        withBootstrapKey().contentType(ContentType.JSON).body(Map.of("text", REPLY + " \u0000")).post("/api/v1/replies/classify")
                .then().statusCode(400);

        // A run decides both invoices; delivery fails (no SMTP server in this profile; one address is not an address).
        Instant asOf = Instant.parse("2026-03-09T15:00:00Z");
        UUID run = runs.open(center, asOf, false, center + ":manual:pii");
        runs.workInParallel(run);
        dispatcher.dispatchDue(asOf.plusSeconds(3600), center);
        dispatcher.dispatchDue(asOf.plusSeconds(7200), center);

        // PostgreSQL's own error for a failing row: its detail ("Failing row contains (…)") stays out of the exception.
        Exception failure = null;
        try {
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("insert into family (id, center_id, external_id, email, last_name) "
                    + "values (?1, null, 'fam-1', ?2, ?3)").setParameter(1, UUID.randomUUID())
                    .setParameter(2, EMAIL).setParameter(3, LAST_NAME).executeUpdate());
        } catch (Exception e) {
            failure = e;
        }
        assertTrue(failure != null, "the duplicate family is refused by the database");
        for (Throwable t = failure; t != null; t = t.getCause()) {
            for (String personal : PERSONAL) {
                assertFalse(String.valueOf(t.getMessage()).contains(personal), "an exception quotes " + personal + ": " + t);
            }
        }

        List<String> leaks;
        synchronized (lines) {
            assertTrue(lines.size() > 3, "the flows logged something: " + lines);
            leaks = lines.stream().filter(l -> PERSONAL.stream().anyMatch(l::contains)).toList();
        }
        assertTrue(leaks.isEmpty(), "log lines with personal data:\n" + String.join("\n", leaks));
    }
}
