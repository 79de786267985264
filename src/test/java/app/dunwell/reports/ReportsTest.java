package app.dunwell.reports;

import app.dunwell.SignedEvents;
import app.dunwell.dispatch.AcceptingProviders;
import app.dunwell.dispatch.Dispatcher;
import app.dunwell.dispatch.DispatcherTest;
import app.dunwell.run.EvaluationRuns;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static app.dunwell.TestKeys.withBootstrapKey;
import static app.dunwell.TestKeys.withKey;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reports of a center after a real run and its dispatch: the cancelled invoices (by Dunwell and by hand) and the
 * collections figures of a period, as JSON and as CSV.
 */
@QuarkusTest
@TestProfile(DispatcherTest.Providers.class)
class ReportsTest {
    private static final Instant AS_OF = Instant.parse("2026-03-09T15:00:00Z");
    private static AcceptingProviders providers;

    @Inject
    EvaluationRuns runs;
    @Inject
    Dispatcher dispatcher;

    private String center;
    private SignedEvents events;
    private String analyst;

    @BeforeAll
    static void start() throws Exception {
        providers = AcceptingProviders.start();
    }

    @AfterAll
    static void stop() {
        if (providers != null) {
            providers.close();
        }
    }

    @BeforeEach
    void aCentersMonth() {
        center = "rp-" + UUID.randomUUID().toString().substring(0, 8);
        String secret = withBootstrapKey().contentType(ContentType.JSON)
                .body(Map.of("id", center, "timezone", "America/New_York", "mode", "AUTO", "settings", Map.of("autoCancel", Map.of("enabled", true))))
                .post("/api/v1/centers").then().statusCode(201).extract().path("webhookSecret");
        events = new SignedEvents(center, secret);
        analyst = withBootstrapKey().contentType(ContentType.JSON).body(Map.of("name", "analyst", "roles", List.of("analyst"), "centerId", center))
                .post("/api/v1/keys").then().statusCode(201).extract().path("key");

        family("fam-a", "Ana", "Lopez");
        invoice("INV-FIRST", "fam-a", "2026-02-01", "2026-03-02", "850.00", null);
        family("fam-good", "Ben", "Okafor");
        for (String due : List.of("2026-02-01", "2026-01-01", "2025-12-01")) {
            invoice("INV-OLD-" + due, "fam-good", "2025-11-01", due, "100.00", null);
            events.send("payment.succeeded", Map.of("paymentId", "p-" + due, "invoiceId", "INV-OLD-" + due, "amount", "100.00", "paidOn", due));
        }
        invoice("INV-WAIVE", "fam-good", "2026-02-01", "2026-03-02", "400.00", null);
        family("fam-cancel", "Cleo", "Park");
        invoice("INV-CANCEL", "fam-cancel", "2025-11-01", "2025-11-29", "500.00", "COLLECTIONS");
        family("fam-m", "Dan", "Reyes");
        invoice("INV-MANUAL", "fam-m", "2026-01-01", "2026-02-10", "300.00", null);
        family("fam-p", "Eve", "Stone");
        invoice("INV-PRE", "fam-p", "2026-03-01", "2026-03-16", "400.00", null);
        events.send("reply.received", Map.of("familyId", "fam-m", "text", "STOP texting me", "channel", "SMS",
                "receivedAt", "2026-03-05T12:00:00Z"));

        runs.workInParallel(runs.open(center, AS_OF, false, center + ":manual:day"));
        dispatcher.dispatchDue(AS_OF.plusSeconds(3600), center);
        // Someone cancels one on the platform; another is paid three days after its reminder.
        events.send("invoice.updated", Map.of("invoiceId", "INV-MANUAL", "status", "CANCELLED"));
        events.send("payment.succeeded", Map.of("paymentId", "p-pre", "invoiceId", "INV-PRE", "amount", "400.00", "paidOn", "2026-03-12"));
    }

    private void family(String id, String first, String last) {
        events.send("family.updated", Map.of("familyId", id, "firstName", first, "lastName", last, "email", id + "@example.org",
                "preferredChannel", "EMAIL"));
    }

    private void invoice(String id, String family, String issuedOn, String dueOn, String total, String status) {
        Map<String, Object> data = new LinkedHashMap<>(Map.of("invoiceId", id, "familyId", family, "issuedOn", issuedOn, "dueOn", dueOn,
                "total", total));
        if (status != null) {
            data.put("status", status);
        }
        events.send("invoice.created", data);
    }

    @Test
    void theCancelledInvoicesSayWhoCancelledThemAndHowLateTheyWere() {
        JsonPath report = withKey(analyst).get("/api/v1/reports/cancelled-invoices").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("INV-CANCEL", "INV-MANUAL"), report.getList("invoices.invoice"));
        assertEquals("Auto-Cancelled", report.getString("invoices[0].type"));
        assertEquals("2026-03-09", report.getString("invoices[0].cancelledDate"));
        assertEquals("2025-11-29", report.getString("invoices[0].dueDate"));
        assertEquals("2025-11-01", report.getString("invoices[0].date"));
        assertEquals(100, report.getInt("invoices[0].daysOverdueAtCancellation"));
        assertEquals("Cleo Park", report.getString("invoices[0].family"));
        assertEquals("500.00", report.getString("invoices[0].amount"));
        assertEquals("Manual", report.getString("invoices[1].type"));

        String csv = withKey(analyst).get("/api/v1/reports/cancelled-invoices?format=csv").then().statusCode(200)
                .contentType(containsString("text/csv")).header("Content-Disposition", containsString("attachment"))
                .extract().asString();
        List<String> lines = csv.lines().toList();
        assertEquals("invoice,date,due date,cancelled date,family id,family,amount,type,days overdue at cancellation", lines.get(0));
        assertEquals("INV-CANCEL,2025-11-01,2025-11-29,2026-03-09,fam-cancel,Cleo Park,500.00,Auto-Cancelled,100", lines.get(1));
        assertEquals(3, lines.size(), csv);
        assertEquals(csv, withKey(analyst).accept("text/csv").get("/api/v1/reports/cancelled-invoices").then().statusCode(200)
                .extract().asString(), "Accept: text/csv gives the same file");

        // A period narrows it to the invoices cancelled in it.
        withKey(analyst).get("/api/v1/reports/cancelled-invoices?from=2026-03-01&to=2026-03-31").then().statusCode(200)
                .body("invoices.invoice", equalTo(List.of("INV-CANCEL")));
    }

    @Test
    void theCollectionsOfAPeriodCountWhatTheRunAndItsMessagesDid() {
        JsonPath r = withKey(analyst).get("/api/v1/reports/collections?from=2026-03-01&to=2026-03-31").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(2, r.getInt("invoicesByStatus.CANCELLED"), r.prettify());
        assertEquals(2, r.getInt("invoicesByStatus.FIRST"), "INV-FIRST and INV-WAIVE moved to FIRST");
        // INV-CANCEL came at COLLECTIONS and Dunwell cancelled it; INV-MANUAL went to a stage of the run, then was cancelled by hand.
        assertEquals(4, r.getInt("invoicesByStatus.PAID"), "paid in full: the three old ones and INV-PRE");
        assertEquals(8, r.getInt("funnel.UNPAID"), "every invoice");
        assertEquals(4, r.getInt("funnel.FIRST"), "two at FIRST, two cancelled after it");
        assertEquals(1, r.getInt("funnel.COLLECTIONS"), "only INV-CANCEL reached collections");
        assertEquals(2, r.getInt("funnel.CANCELLED"));
        assertEquals("1250.00", r.getString("outstandingByStage.FIRST"));
        Map<String, Object> firstByEmail = Map.of("kind", "OVERDUE_FIRST", "channel", "EMAIL", "count", 2);
        List<Map<String, Object>> sent = r.getList("remindersSent");
        assertTrue(sent.contains(Map.of("kind", "PRE_DUE", "channel", "EMAIL", "count", 1)), sent.toString());
        assertTrue(sent.contains(firstByEmail), "INV-FIRST and INV-WAIVE: " + sent);
        assertTrue(sent.contains(Map.of("kind", "OVERDUE_SECOND", "channel", "EMAIL", "count", 1)), "INV-MANUAL, by email once SMS is opted out: " + sent);
        assertEquals(1, r.getInt("paidWithin7DaysOfAReminder.count"));
        assertEquals("400.00", r.getString("paidWithin7DaysOfAReminder.amount"));
        assertEquals(3, r.getInt("lateFeesAssessed.count"), "INV-FIRST, INV-MANUAL and INV-CANCEL had none yet");
        assertEquals("75.00", r.getString("lateFeesAssessed.amount"));
        assertEquals(1, r.getInt("lateFeesWaived.count"));
        assertEquals(1, r.getInt("optOuts"));
        assertEquals(Map.of("OPT_OUT", 1), r.getMap("repliesBySentiment"));

        String csv = withKey(analyst).get("/api/v1/reports/collections?from=2026-03-01&to=2026-03-31&format=csv").then().statusCode(200)
                .contentType(containsString("text/csv")).extract().asString();
        assertTrue(csv.lines().anyMatch(l -> l.equals("reminders sent,PRE_DUE EMAIL,1")), csv);
        assertTrue(csv.lines().anyMatch(l -> l.startsWith("paid within 7 days of a reminder,") && l.contains("400.00")), csv);

        // A period before any of it counts nothing of what happened in March.
        JsonPath before = withKey(analyst).get("/api/v1/reports/collections?from=2026-01-01&to=2026-02-01").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(List.of(), before.getList("remindersSent"));
        assertEquals(0, before.getInt("lateFeesAssessed.count"));
    }

    @Test
    void badPeriodsAndFormatsAreNamed() {
        for (String query : List.of("from=yesterday", "to=2026-13-01", "from=2026-03-10&to=2026-03-01", "from=1990-01-01&to=2026-01-01",
                "format=xlsx")) {
            String field = query.startsWith("format") ? "format" : query.startsWith("from=2026-03-10") ? "to"
                    : query.startsWith("from") ? "from" : "to";
            withKey(analyst).get("/api/v1/reports/collections?" + query).then().statusCode(400).contentType("application/problem+json")
                    .body("errors[0].field", equalTo(field));
        }
        withKey(analyst).get("/api/v1/reports/cancelled-invoices?from=03/01/2026").then().statusCode(400)
                .body("errors[0].field", equalTo("from"));
        withKey(analyst).get("/api/v1/reports/cancelled-invoices?centerId=someone-else").then().statusCode(403)
                .contentType("application/problem+json");
        withKey("not-a-key").get("/api/v1/reports/collections").then().statusCode(401);
    }
}
