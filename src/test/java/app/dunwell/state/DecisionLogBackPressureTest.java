package app.dunwell.state;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static app.dunwell.TestKeys.withBootstrapKey;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * When the database stalls, the decision log's queue fills and further decisions are answered 503 with Retry-After
 * (a caller without a key at once, one with a key after waiting for room); the decisions queued before are answered,
 * each with an id that reads back, once the database moves again, and none answered 503 was kept.
 */
@QuarkusTest
@TestProfile(DecisionLogBackPressureTest.TinyQueue.class)
class DecisionLogBackPressureTest {
    public static class TinyQueue implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("dunwell.decisions.store.queue", "1", "dunwell.decisions.store.offer-timeout", "1s");
        }
    }

    @Inject
    DataSource dataSource;

    private static String request(String invoiceId) {
        return """
                {"asOf":"2026-03-09T15:00:00Z","invoice":{"id":"%s","dueOn":"2026-03-02","balance":"100.00"}}""".formatted(invoiceId);
    }

    private static CompletableFuture<Response> decideLater(String invoiceId) {
        return CompletableFuture.supplyAsync(() -> given().contentType(ContentType.JSON).body(request(invoiceId))
                .post("/api/v1/decisions").andReturn());
    }

    @Test
    void aStalledDatabaseFillsTheQueueAndLaterDecisionsAreToldToComeBack() throws Exception {
        String run = "bp-" + System.nanoTime() + "-";
        List<String> invoices = new ArrayList<>();
        List<CompletableFuture<Response>> answers = new ArrayList<>();
        Response busy = null;
        try (Connection stall = dataSource.getConnection()) {
            stall.setAutoCommit(false);
            try (Statement s = stall.createStatement()) {
                s.execute("lock table decision_record in share mode"); // reads go on, inserts wait
            }
            invoices.add(run + 0);
            answers.add(decideLater(run + 0));
            waitUntilAnInsertWaits(); // the writer holds the first decision and waits on the lock
            for (int i = 1; i <= 10 && busy == null; i++) {
                invoices.add(run + i);
                answers.add(decideLater(run + i));
                Thread.sleep(200);
                busy = answers.stream().filter(CompletableFuture::isDone).map(CompletableFuture::join).findFirst().orElse(null);
            }
            assertNotNull(busy, "no decision was refused while the database stalled and the queue (1) was full");
            assertEquals(503, busy.statusCode(), busy.asString());
            assertEquals("1", busy.header("Retry-After"));
            assertTrue(busy.contentType().startsWith("application/problem+json"), busy.contentType());
            assertTrue(busy.jsonPath().getString("type").endsWith("decision-log-busy"), busy.asString());

            // A caller with a key decides on a worker thread, which waits for room (1 s here) before it is refused.
            withBootstrapKey().contentType(ContentType.JSON).body(request(run + "keyed")).post("/api/v1/decisions")
                    .then().statusCode(503).header("Retry-After", "1");
            stall.rollback();
        }

        int answered = 0;
        for (int i = 0; i < answers.size(); i++) {
            Response answer = answers.get(i).get(30, TimeUnit.SECONDS);
            boolean kept = stored(invoices.get(i));
            if (answer.statusCode() == 503) {
                assertFalse(kept, invoices.get(i) + " was answered 503 but kept");
                continue;
            }
            assertEquals(200, answer.statusCode(), answer.asString());
            String id = answer.jsonPath().getString("decisionId");
            assertNotNull(id, "a decision answered after the stall carries its id: " + answer.asString());
            withBootstrapKey().get("/api/v1/decisions/" + id).then().statusCode(200);
            assertTrue(kept);
            answered++;
        }
        assertTrue(answered >= 2, "the decision the writer held and the one queued are both answered: " + answered);
        assertFalse(stored(run + "keyed"));
    }

    private void waitUntilAnInsertWaits() throws Exception {
        for (int i = 0; i < 100; i++) {
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("select count(*) from pg_locks where relation = 'decision_record'::regclass and not granted")) {
                r.next();
                if (r.getInt(1) > 0) {
                    return;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the decision writer never waited on the stalled table");
    }

    private boolean stored(String invoiceId) throws Exception {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("select count(*) from decision_record where invoice_id = ?")) {
            s.setString(1, invoiceId);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1) > 0;
            }
        }
    }
}
