package app.dunwell.run;

import app.dunwell.state.Center;
import app.dunwell.state.StoredFamily;
import app.dunwell.state.StoredInvoice;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;

/**
 * The zero-setup demo ({@code dunwell.sample-data=true}, on in dev): a center with five families whose
 * invoices stand at different points of the follow-up, and today's run over them, so that a director
 * can look at decisions, queued reminders (SHADOW mode: drafts, nothing is sent) and timelines at once.
 */
@ApplicationScoped
public class SampleData {
    private static final Logger LOG = Logger.getLogger(SampleData.class);
    static final String CENTER = "sunny-days";

    private final EvaluationRuns runs;
    private final boolean enabled;
    private final app.dunwell.state.SecretsAtRest secrets;

    public SampleData(EvaluationRuns runs, @ConfigProperty(name = "dunwell.sample-data", defaultValue = "false") boolean enabled,
                      app.dunwell.state.SecretsAtRest secrets) {
        this.secrets = secrets;
        this.runs = runs;
        this.enabled = enabled;
    }

    void load(@Observes @Priority(Interceptor.Priority.APPLICATION + 100) StartupEvent event) {
        if (!enabled || QuarkusTransaction.requiringNew().call(() -> Center.findById(CENTER)) != null) {
            return;
        }
        ZoneId zone = ZoneId.of("America/New_York");
        LocalDate today = LocalDate.now(zone);
        QuarkusTransaction.requiringNew().run(() -> {
            Center center = new Center();
            center.id = CENTER;
            center.name = "Sunny Days Early Learning";
            center.timezone = zone.getId();
            center.holidays = "[]";
            center.settings = "{}";
            center.mode = "SHADOW";
            center.webhookSecret = secrets.seal("whsec_c2FtcGxlLXNlY3JldC1mb3ItdGhlLWRlbW8tY2VudGVyISE=");
            center.createdAt = Instant.now();
            center.persist();
            family("fam-ruiz", "Ana", "Ruiz", "ana.ruiz@example.org", "EMAIL", "[]", "[{\"firstName\":\"Mateo\"}]");
            family("fam-chen", "Wei", "Chen", "wei.chen@example.org", "SMS", "[]", "[{\"firstName\":\"Lily\"}]");
            family("fam-okafor", "Ngozi", "Okafor", "ngozi@example.org", "EMAIL", "[\"HARDSHIP\"]", "[{\"firstName\":\"Chidi\"},{\"firstName\":\"Ada\"}]");
            family("fam-larsen", "Erik", "Larsen", "erik@example.org", "IN_APP", "[\"DISPUTE_OPEN\"]", "[{\"firstName\":\"Freya\"}]");
            family("fam-silva", "Joana", "Silva", "joana@example.org", "EMAIL", "[]", "[{\"firstName\":\"Luis\"}]");
            invoice("INV-1001", "fam-ruiz", today.plusDays(14), "850.00");
            invoice("INV-1002", "fam-chen", today.minusDays(7), "640.00");
            invoice("INV-1003", "fam-okafor", today.minusDays(16), "1200.00");
            invoice("INV-1004", "fam-larsen", today.minusDays(9), "850.00");
            invoice("INV-1005", "fam-silva", today.minusDays(35), "425.00");
        });
        UUID run = runs.open(CENTER, Instant.now(), false, CENTER + ":sample:" + today);
        runs.workInParallel(run);
        LOG.infof("Sample center '%s' loaded and evaluated (run %s). Look at GET /api/v1/runs/%s and "
                + "GET /api/v1/invoices/INV-1003/timeline?centerId=%s with the bootstrap key.", CENTER, run, run, CENTER);
    }

    private static void family(String id, String first, String last, String email, String channel, String flags, String children) {
        StoredFamily f = new StoredFamily();
        f.id = UUID.randomUUID();
        f.centerId = CENTER;
        f.externalId = id;
        f.firstName = first;
        f.lastName = last;
        f.email = email;
        f.phone = "+1555555" + String.format("%04d", Math.abs(id.hashCode()) % 10000);
        f.preferredChannel = channel;
        f.optedOut = "[]";
        f.flags = flags;
        f.children = children;
        f.updatedAt = Instant.now();
        f.persist();
    }

    private static void invoice(String id, String family, LocalDate dueOn, String total) {
        StoredInvoice i = new StoredInvoice();
        i.id = UUID.randomUUID();
        i.centerId = CENTER;
        i.externalId = id;
        i.familyId = family;
        i.issuedOn = dueOn.minusDays(30);
        i.dueOn = dueOn;
        i.total = new BigDecimal(total);
        i.balance = new BigDecimal(total);
        i.currency = "USD";
        i.status = "UNPAID";
        i.updatedAt = Instant.now();
        i.persist();
    }
}
