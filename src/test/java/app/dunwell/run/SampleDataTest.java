package app.dunwell.run;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static app.dunwell.TestKeys.withBootstrapKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sample center of the run command: a director's morning in APPROVAL mode, with write-backs waiting, tasks of several
 * types, families at every stage, and each invoice decided once even when the day's scheduled run starts beside it.
 */
@QuarkusTest
@TestProfile(SampleDataTest.SampleCenter.class)
public class SampleDataTest {
    /** The sample center under a name of its own for this boot (the test database outlives one boot). */
    public static class SampleCenter implements QuarkusTestProfile {
        public static final String CENTER = "sunny-days-" + UUID.randomUUID().toString().substring(0, 8);

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("dunwell.sample-data", "true", "dunwell.sample-data.center-id", CENTER);
        }
    }

    /** As this boot's configuration has it (the profile is loaded apart from the test class). */
    @ConfigProperty(name = "dunwell.sample-data.center-id")
    String CENTER;

    @Inject
    DailyRuns daily;
    @Inject
    EntityManager em;

    @Test
    void aDirectorFindsWriteBacksWaitingAndTasksOfSeveralTypes() {
        JsonPath approvals = withBootstrapKey().get("/api/v1/approvals?centerId=" + CENTER).then().statusCode(200).extract().jsonPath();
        List<String> effects = approvals.getList("type");
        assertTrue(effects.size() >= 4, approvals.prettify());
        assertTrue(effects.containsAll(List.of("SEND_REMINDER", "ASSESS_LATE_FEE")), effects.toString());

        JsonPath tasks = withBootstrapKey().get("/api/v1/tasks?state=OPEN&centerId=" + CENTER).then().statusCode(200).extract().jsonPath();
        Set<String> types = new HashSet<>(tasks.getList("tasks.type"));
        assertTrue(types.containsAll(Set.of("REPLY_REVIEW", "HARDSHIP_REVIEW", "DISPUTE_REVIEW", "DIRECTOR_CALLBACK", "NO_CHANNEL")),
                types.toString());

        JsonPath report = withBootstrapKey().get("/api/v1/reports/collections?centerId=" + CENTER).then().statusCode(200).extract().jsonPath();
        Map<String, Integer> byStatus = report.getMap("invoicesByStatus");
        assertTrue(byStatus.keySet().containsAll(Set.of("UNPAID", "FIRST", "FINAL", "PAID", "CANCELLED")), byStatus.toString());
        assertTrue(report.getMap("repliesBySentiment").size() >= 3, report.getMap("repliesBySentiment").toString());
    }

    @Test
    void theDaysScheduledRunJoinsTheSampleRunInsteadOfDecidingAgain() {
        var center = QuarkusTransaction.requiringNew().call(() -> app.dunwell.state.Center.<app.dunwell.state.Center>findById(CENTER));
        // The day the sample run was opened for, from its key (not today: the center's midnight may have passed since).
        String key = QuarkusTransaction.requiringNew().call(() -> (String) em.createNativeQuery(
                "select run_key from run where center_id = ?1").setParameter(1, CENTER).getSingleResult());
        java.time.LocalDate day = java.time.LocalDate.parse(key.substring(key.lastIndexOf(':') + 1));
        // Whatever the local time that day, the day's run has the sample run's key: opening it again is the same run, decided already.
        long before = decisions();
        daily.runDueFor(center, day.atTime(23, 59).atZone(java.time.ZoneId.of(center.timezone)).toInstant());
        assertEquals(before, decisions(), "nothing decided twice");
        List<Map<String, Object>> timeline = withBootstrapKey().get("/api/v1/invoices/INV-1003/timeline?centerId=" + CENTER)
                .then().statusCode(200).extract().jsonPath().getList("$");
        assertEquals(1, timeline.stream().filter(e -> "DECISION".equals(e.get("type"))).count(), timeline.toString());
        assertEquals(1, QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from run where center_id = ?1").setParameter(1, CENTER).getSingleResult()).longValue()));
    }

    private long decisions() {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from decision_record where center_id = ?1").setParameter(1, CENTER).getSingleResult()).longValue());
    }
}
