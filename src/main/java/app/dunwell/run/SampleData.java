package app.dunwell.run;

import app.dunwell.messaging.ReplyClassification;
import app.dunwell.messaging.ReplyClassifier;
import app.dunwell.state.Center;
import app.dunwell.state.SecretsAtRest;
import app.dunwell.state.StoredFamily;
import app.dunwell.state.StoredInvoice;
import app.dunwell.state.StoredPayment;
import app.dunwell.state.StoredReply;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.UUID;

/**
 * The zero-setup demo ({@code dunwell.sample-data=true}, on in dev): a director's morning at a center in APPROVAL mode.
 * Families stand at every stage of the follow-up (a pre-due reminder, first, second and final notices, a director's call
 * after the final notice, a move to collections, a family no channel reaches, a dispute, a hardship with a plan, a
 * promise), a few have replied (one reply the classifier is unsure of), and a paid and a cancelled invoice give the
 * reports a past. Today's run is the day's daily run (its key), so the scheduled run of the same day joins it instead of
 * deciding everything a second time.
 */
@ApplicationScoped
public class SampleData {
    private static final Logger LOG = Logger.getLogger(SampleData.class);
    public static final String DEFAULT_CENTER = "sunny-days";

    private final EvaluationRuns runs;
    private final boolean enabled;
    private final SecretsAtRest secrets;
    private final ReplyClassifier classifier;
    private final EntityManager em;
    private final String center;

    public SampleData(EvaluationRuns runs, @ConfigProperty(name = "dunwell.sample-data", defaultValue = "false") boolean enabled,
                      @ConfigProperty(name = "dunwell.sample-data.center-id", defaultValue = DEFAULT_CENTER) String center,
                      SecretsAtRest secrets, ReplyClassifier classifier, EntityManager em) {
        this.center = center;
        this.secrets = secrets;
        this.runs = runs;
        this.enabled = enabled;
        this.classifier = classifier;
        this.em = em;
    }

    void load(@Observes @Priority(Interceptor.Priority.APPLICATION + 100) StartupEvent event) {
        if (!enabled || QuarkusTransaction.requiringNew().call(() -> Center.findById(center)) != null) {
            return;
        }
        ZoneId zone = ZoneId.of("America/New_York");
        LocalDate today = LocalDate.now(zone);
        Instant now = Instant.now();
        QuarkusTransaction.requiringNew().run(() -> {
            Center c = new Center();
            c.id = center;
            c.name = "Sunny Days Early Learning";
            c.timezone = zone.getId();
            c.holidays = "[]";
            c.settings = "{}";
            c.mode = "APPROVAL";
            c.webhookSecret = secrets.seal("whsec_c2FtcGxlLXNlY3JldC1mb3ItdGhlLWRlbW8tY2VudGVyISE=");
            c.createdAt = now;
            c.persist();

            // Due in 7 days: a pre-due reminder.
            family("fam-ruiz", "Ana", "Ruiz", "ana.ruiz@example.org", "EMAIL", "[]", "[{\"firstName\":\"Mateo\"}]");
            invoice("INV-1001", "fam-ruiz", today.plusDays(7), "850.00", "UNPAID");
            invoice("INV-0901", "fam-ruiz", today.minusDays(23), "850.00", "UNPAID");
            paid("INV-0901", "850.00", today.minusDays(25));
            // A week late: the first notice and a late fee; the family's reply is one the classifier is unsure of.
            family("fam-chen", "Wei", "Chen", "wei.chen@example.org", "SMS", "[]", "[{\"firstName\":\"Lily\"}]");
            invoice("INV-1002", "fam-chen", today.minusDays(7), "640.00", "UNPAID");
            reply("fam-chen", "INV-1002", "the amount seems off, but I can pay some next week", "SMS", zone, today.minusDays(1), 18);
            // Sixteen days late with the hardship flag, and a reply that says why: a hardship review with a payment plan.
            family("fam-okafor", "Ngozi", "Okafor", "ngozi@example.org", "EMAIL", "[\"HARDSHIP\"]", "[{\"firstName\":\"Chidi\"},{\"firstName\":\"Ada\"}]");
            invoice("INV-1003", "fam-okafor", today.minusDays(16), "1200.00", "FIRST");
            contact("fam-okafor", "INV-1003", "OVERDUE_FIRST", zone, today.minusDays(9));
            reply("fam-okafor", "INV-1003", "I lost my job last month and cannot pay this right now", "EMAIL", zone, today.minusDays(2), 20);
            // A dispute on the platform and in the reply: paused, and a dispute review.
            family("fam-larsen", "Erik", "Larsen", "erik@example.org", "IN_APP", "[\"DISPUTE_OPEN\"]", "[{\"firstName\":\"Freya\"}]");
            invoice("INV-1004", "fam-larsen", today.minusDays(9), "850.00", "FIRST");
            contact("fam-larsen", "INV-1004", "OVERDUE_FIRST", zone, today.minusDays(2));
            reply("fam-larsen", "INV-1004", "This charge is wrong, Freya was home sick that whole week. I dispute it.", "IN_APP", zone,
                    today.minusDays(1), 9);
            // Thirty-five days late: the final notice.
            family("fam-silva", "Joana", "Silva", "joana@example.org", "EMAIL", "[]", "[{\"firstName\":\"Luis\"}]");
            invoice("INV-1005", "fam-silva", today.minusDays(35), "425.00", "SECOND");
            contact("fam-silva", "INV-1005", "OVERDUE_FIRST", zone, today.minusDays(28));
            contact("fam-silva", "INV-1005", "OVERDUE_SECOND", zone, today.minusDays(21));
            // The final notice went out three days ago: the director calls.
            family("fam-novak", "Petra", "Novak", "petra.novak@example.org", "EMAIL", "[]", "[{\"firstName\":\"Jakub\"}]");
            invoice("INV-1006", "fam-novak", today.minusDays(33), "975.00", "FINAL");
            contact("fam-novak", "INV-1006", "OVERDUE_FIRST", zone, today.minusDays(26));
            contact("fam-novak", "INV-1006", "OVERDUE_SECOND", zone, today.minusDays(19));
            contact("fam-novak", "INV-1006", "OVERDUE_FINAL", zone, today.minusDays(3));
            // A week after the final notice: collections.
            family("fam-haddad", "Omar", "Haddad", "omar.haddad@example.org", "EMAIL", "[]", "[{\"firstName\":\"Lina\"}]");
            invoice("INV-1007", "fam-haddad", today.minusDays(37), "1100.00", "FINAL");
            contact("fam-haddad", "INV-1007", "OVERDUE_FIRST", zone, today.minusDays(30));
            contact("fam-haddad", "INV-1007", "OVERDUE_SECOND", zone, today.minusDays(23));
            contact("fam-haddad", "INV-1007", "OVERDUE_FINAL", zone, today.minusDays(7));
            invoice("INV-0850", "fam-haddad", today.minusDays(80), "300.00", "CANCELLED");
            // No address, no number, and the app's notices turned off: nothing reaches the family, someone calls.
            family("fam-nguyen", "Linh", "Nguyen", null, "EMAIL", "[]", "[{\"firstName\":\"Bao\"}]").optedOut = "[\"IN_APP\"]";
            invoice("INV-1008", "fam-nguyen", today.minusDays(8), "560.00", "UNPAID");
            // A promise to pay within the week: paused until that day.
            family("fam-patel", "Priya", "Patel", "priya.patel@example.org", "EMAIL", "[]", "[{\"firstName\":\"Arjun\"}]");
            invoice("INV-1009", "fam-patel", today.minusDays(10), "720.00", "FIRST");
            contact("fam-patel", "INV-1009", "OVERDUE_FIRST", zone, today.minusDays(3));
            reply("fam-patel", "INV-1009", "Sorry for the delay, I will pay the full amount on " + today.plusDays(3).getDayOfWeek()
                    .getDisplayName(java.time.format.TextStyle.FULL, java.util.Locale.ENGLISH), "EMAIL", zone, today.minusDays(1), 19);
        });
        // The day's own run, with the key the scheduled daily run uses: the two are one run.
        UUID run = runs.open(center, now, false, center + ":daily:" + today);
        runs.workInParallel(run);
        LOG.infof("Sample center '%s' loaded and evaluated (run %s): sign in at /ui/ with the key dev-key, or call "
                + "GET /api/v1/approvals?centerId=%s and GET /api/v1/tasks?centerId=%s with it.", center, run, center, center);
    }

    private StoredFamily family(String id, String first, String last, String email, String channel, String flags, String children) {
        StoredFamily f = new StoredFamily();
        f.id = UUID.randomUUID();
        f.centerId = center;
        f.externalId = id;
        f.firstName = first;
        f.lastName = last;
        f.email = email;
        f.phone = email == null ? null : "+1555555" + String.format("%04d", Math.abs(id.hashCode()) % 10000);
        f.preferredChannel = channel;
        f.optedOut = "[]";
        f.flags = flags;
        f.children = children;
        f.updatedAt = Instant.now();
        f.persist();
        return f;
    }

    private void invoice(String id, String family, LocalDate dueOn, String total, String status) {
        StoredInvoice i = new StoredInvoice();
        i.id = UUID.randomUUID();
        i.centerId = center;
        i.externalId = id;
        i.familyId = family;
        i.issuedOn = dueOn.minusDays(30);
        i.dueOn = dueOn;
        i.total = new BigDecimal(total);
        i.balance = "CANCELLED".equals(status) ? BigDecimal.ZERO : new BigDecimal(total);
        i.currency = "USD";
        i.status = status;
        // A cancelled one was cancelled on the platform three weeks after it fell due.
        i.updatedAt = "CANCELLED".equals(status) ? dueOn.plusDays(21).atTime(12, 0).atZone(ZoneId.of("America/New_York")).toInstant() : Instant.now();
        i.persist();
    }

    private void paid(String invoiceId, String amount, LocalDate on) {
        StoredInvoice invoice = StoredInvoice.<StoredInvoice>find("centerId = ?1 and externalId = ?2", center, invoiceId).firstResult();
        invoice.balance = BigDecimal.ZERO;
        invoice.paidOn = on;
        invoice.status = "PAID";
        StoredPayment p = new StoredPayment();
        p.id = UUID.randomUUID();
        p.centerId = center;
        p.externalId = "pay-" + invoiceId;
        p.invoiceId = invoiceId;
        p.amount = new BigDecimal(amount);
        p.paidOn = on;
        p.succeeded = true;
        p.receivedAt = on.atTime(12, 0).atZone(ZoneId.of("America/New_York")).toInstant();
        p.persist();
    }

    /** A notice sent on a past morning at ten, local time. */
    private void contact(String family, String invoice, String kind, ZoneId zone, LocalDate on) {
        String channel = "fam-larsen".equals(family) ? "IN_APP" : "EMAIL";
        em.createNativeQuery("insert into contact (id, center_id, family_id, invoice_id, kind, channel, sent_at) values (?1, ?2, ?3, ?4, ?5, ?7, ?6)")
                .setParameter(1, UUID.randomUUID()).setParameter(2, center).setParameter(3, family).setParameter(4, invoice)
                .setParameter(5, kind).setParameter(6, on.atTime(LocalTime.of(10, 0)).atZone(zone).toInstant()).setParameter(7, channel).executeUpdate();
    }

    /** A family's reply, read by the classifier as any reply is. */
    private void reply(String family, String invoice, String text, String channel, ZoneId zone, LocalDate on, int hour) {
        ReplyClassification c = classifier.classify(text, on);
        StoredReply r = new StoredReply();
        r.id = UUID.randomUUID();
        r.centerId = center;
        r.familyId = family;
        r.invoiceId = invoice;
        r.text = text;
        r.channel = channel;
        r.receivedAt = on.atTime(hour, 0).atZone(zone).toInstant();
        r.sentiment = c.sentiment().name();
        r.confidence = BigDecimal.valueOf(c.confidence());
        r.promisedOn = c.promisedOn();
        r.classifier = c.classifier();
        r.persist();
    }
}
