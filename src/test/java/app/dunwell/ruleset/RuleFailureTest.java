package app.dunwell.ruleset;

import app.dunwell.SignedEvents;
import app.dunwell.metrics.Scrape;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.Map;
import java.util.UUID;

import static app.dunwell.TestKeys.withBootstrapKey;
import static app.dunwell.ruleset.HotReloadTest.activeVersion;
import static app.dunwell.ruleset.HotReloadTest.decide;
import static app.dunwell.ruleset.HotReloadTest.swapMount;
import static app.dunwell.ruleset.HotReloadTest.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * A rule that passes every scenario and then fails at run time for one invoice (an analyst's mistake the scenarios did
 * not reach): that decision answers a 500 problem and is neither stored nor counted as made, the metrics count it as an
 * {@code error}, every other invoice is decided as before, and a run marks that one invoice failed and finishes.
 */
@QuarkusTest
@TestProfile(HotReloadTest.MountedPolicy.class)
class RuleFailureTest {
    private static final String FAILING_RULE = """
            package rules;

            import app.dunwell.policy.*;

            rule "a mistake the scenarios do not reach"
                ruleflow-group "situation"
            when
                InvoiceCase( invoiceId == "INV-BOOM" )
            then
                throw new IllegalStateException("the rule divided by a count of zero");
            end
            """;

    @Inject
    EntityManager em;

    private static String decision(String invoiceId) {
        return """
                {"asOf":"2026-03-09T15:00:00Z","center":{"timezone":"America/New_York"},
                 "family":{"contact":{"email":"a@example.org","preferredChannel":"EMAIL"}},
                 "invoice":{"id":"%s","dueOn":"2026-03-02","balance":"850.00"}}""".formatted(invoiceId);
    }

    @Test
    void aRuleThatFailsForOneInvoiceFailsThatDecisionOnly() throws Exception {
        String serving = activeVersion();
        swapMount(dir -> Files.writeString(dir.resolve("rules/mistake.drl"), FAILING_RULE));
        String failing = waitFor(() -> {
            String v = activeVersion();
            return v.equals(serving) ? null : v;
        });
        try {
            Scrape before = Scrape.now();
            Response r = decide(decision("INV-BOOM"));
            assertEquals(500, r.statusCode(), r.asString());
            assertEquals("application/problem+json", r.contentType());
            assertEquals("The decision could not be made; nothing was changed.", r.path("detail"));
            assertFalse(r.asString().contains("divided"), "the rule's message stays in the log: " + r.asString());
            Response other = decide(decision("INV-FINE"));
            assertEquals(200, other.statusCode());
            assertEquals(failing, other.path("rulesetVersion"));
            Scrape after = Scrape.now();
            Map<String, String> errors = Map.of("source", "api", "outcome", "error", "ruleset", failing);
            assertEquals(1, after.sum("dunwell_decisions_total", errors) - before.sum("dunwell_decisions_total", errors));
            // A run over a center with that invoice and another: the one is marked failed, the other decided, the run ends.
            String center = "rf-" + UUID.randomUUID().toString().substring(0, 8);
            String secret = withBootstrapKey().contentType(ContentType.JSON)
                    .body(Map.of("id", center, "timezone", "America/New_York", "mode", "AUTO"))
                    .post("/api/v1/centers").then().statusCode(201).extract().path("webhookSecret");
            SignedEvents events = new SignedEvents(center, secret);
            events.send("family.updated", Map.of("familyId", "fam-1", "firstName", "Ana", "lastName", "Lopez",
                    "email", "ana@example.org", "preferredChannel", "EMAIL"));
            for (String invoice : new String[]{"INV-BOOM", "INV-FINE"}) {
                events.send("invoice.created", Map.of("invoiceId", invoice, "familyId", "fam-1",
                        "issuedOn", "2026-02-01", "dueOn", "2026-03-02", "total", "850.00"));
            }
            String run = withBootstrapKey().contentType(ContentType.JSON).body(Map.of("centerId", center, "asOf", "2026-03-09T15:00:00Z"))
                    .post("/api/v1/runs").then().statusCode(202).extract().path("id");
            Map<String, Object> finished = waitFor(() -> {
                Map<String, Object> status = withBootstrapKey().get("/api/v1/runs/" + run).then().statusCode(200).extract().as(Map.class);
                return status.get("finishedAt") == null ? null : status;
            });
            assertEquals(2, finished.get("total"));
            assertEquals(1, finished.get("done"));
            assertEquals(1, finished.get("failed"));
            assertEquals(0, QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery("select count(*) from decision_record "
                    + "where invoice_id = 'INV-BOOM' and ruleset_version = ?1").setParameter(1, failing).getSingleResult()).intValue()),
                    "nothing stored for the failed decisions, by the endpoint or by the run");
        } finally {
            swapMount(dir -> Files.delete(dir.resolve("rules/mistake.drl")));
            waitFor(() -> activeVersion().equals(serving) ? serving : null);
        }
    }
}
