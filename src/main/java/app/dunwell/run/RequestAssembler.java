package app.dunwell.run;

import app.dunwell.state.JsonColumns;
import app.dunwell.decision.Channel;
import app.dunwell.decision.DecisionRequest;
import app.dunwell.decision.FamilyFlag;
import app.dunwell.decision.InvoiceStatus;
import app.dunwell.decision.ReminderKind;
import app.dunwell.decision.Sentiment;
import app.dunwell.decision.TaskType;
import app.dunwell.state.Center;
import app.dunwell.state.StoredFamily;
import app.dunwell.state.StoredInvoice;
import app.dunwell.state.StoredReply;
import app.dunwell.state.Timestamps;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hibernate.jpa.HibernateHints;

/**
 * Builds the decision requests of stored invoices at one moment, from everything stored about them and their families.
 * A run asks for a batch at once: each kind of history is read in one query for the whole batch.
 */
@ApplicationScoped
public class RequestAssembler {
    private final ObjectMapper mapper;
    private final EntityManager em;

    public RequestAssembler(ObjectMapper mapper, EntityManager em) {
        this.mapper = mapper;
        this.em = em;
    }

    public DecisionRequest assemble(Center center, StoredInvoice invoice, Instant asOf) {
        return assembleAll(center, List.of(invoice), asOf).get(invoice.externalId);
    }

    /** The requests of a center's invoices, by invoice id, in the order given. */
    @SuppressWarnings("unchecked")
    public Map<String, DecisionRequest> assembleAll(Center center, List<StoredInvoice> invoices, Instant asOf) {
        Map<String, DecisionRequest> requests = new LinkedHashMap<>();
        if (invoices.isEmpty()) {
            return requests;
        }
        List<String> invoiceIds = invoices.stream().map(i -> i.externalId).toList();
        List<String> familyIds = invoices.stream().map(i -> i.familyId == null ? "" : i.familyId).distinct().toList();
        var centerPart = new DecisionRequest.Center(center.id, ZoneId.of(center.timezone),
                JsonColumns.read(mapper, center.holidays, new TypeReference<List<LocalDate>>() { }), (ObjectNode) JsonColumns.tree(mapper, center.settings, "{}"));

        Map<String, StoredFamily> families = new HashMap<>();
        for (StoredFamily f : em.createQuery("from StoredFamily where centerId = ?1 and externalId in ?2", StoredFamily.class)
                .setParameter(1, center.id).setParameter(2, familyIds).setHint(HibernateHints.HINT_READ_ONLY, true).getResultList()) {
            families.put(f.externalId, f);
        }
        Map<String, List<DecisionRequest.Payment>> payments = new HashMap<>();
        for (Object[] r : (List<Object[]>) em.createNativeQuery("select invoice_id, paid_on, amount from payment "
                        + "where center_id = ?1 and invoice_id in (?2) and succeeded = true")
                .setParameter(1, center.id).setParameter(2, invoiceIds).getResultList()) {
            payments.computeIfAbsent((String) r[0], k -> new ArrayList<>())
                    .add(new DecisionRequest.Payment(Timestamps.date(r[1]), (java.math.BigDecimal) r[2]));
        }
        Map<String, List<DecisionRequest.PastContact>> contacts = new HashMap<>();
        for (Object[] r : (List<Object[]>) em.createNativeQuery("select family_id, sent_at, channel, invoice_id, kind, days_before from contact "
                + "where center_id = ?1 and family_id in (?2)").setParameter(1, center.id).setParameter(2, familyIds).getResultList()) {
            contacts.computeIfAbsent((String) r[0], k -> new ArrayList<>()).add(new DecisionRequest.PastContact(
                    Timestamps.instant(r[1]), Channel.valueOf((String) r[2]), (String) r[3], ReminderKind.valueOf((String) r[4]),
                    r[5] == null ? null : ((Number) r[5]).intValue()));
        }
        // A task counts from the moment of the decision that created it (its asOf), so runs of past days see their own tasks.
        Map<String, List<DecisionRequest.PastTask>> tasks = new HashMap<>();
        for (Object[] r : (List<Object[]>) em.createNativeQuery("select t.invoice_id, coalesce(d.as_of, t.created_at), t.type from task t "
                        + "left join decision_record d on d.id = t.decision_id where t.center_id = ?1 and t.invoice_id in (?2)")
                .setParameter(1, center.id).setParameter(2, invoiceIds).getResultList()) {
            tasks.computeIfAbsent((String) r[0], k -> new ArrayList<>()).add(new DecisionRequest.PastTask(
                    Timestamps.instant(r[1]), TaskType.valueOf((String) r[2]), (String) r[0]));
        }
        Map<String, List<DecisionRequest.PastInvoice>> familyInvoices = new HashMap<>();
        for (Object[] r : (List<Object[]>) em.createNativeQuery("select family_id, external_id, due_on, paid_on from invoice "
                + "where center_id = ?1 and family_id in (?2) and due_on is not null")
                .setParameter(1, center.id).setParameter(2, familyIds).getResultList()) {
            familyInvoices.computeIfAbsent((String) r[0], k -> new ArrayList<>())
                    .add(new DecisionRequest.PastInvoice((String) r[1], Timestamps.date(r[2]), Timestamps.date(r[3])));
        }
        // A person's label wins: its sentiment and day, read as sure (no confidence).
        Map<String, List<DecisionRequest.Reply>> replies = new HashMap<>();
        for (StoredReply r : em.createQuery("from StoredReply where centerId = ?1 and familyId in ?2", StoredReply.class)
                .setParameter(1, center.id).setParameter(2, familyIds).setHint(HibernateHints.HINT_READ_ONLY, true).getResultList()) {
            replies.computeIfAbsent(r.familyId, k -> new ArrayList<>()).add(r.labelSentiment != null
                    ? new DecisionRequest.Reply(r.receivedAt, Sentiment.valueOf(r.labelSentiment), r.labelPromisedOn,
                            r.channel == null ? null : Channel.valueOf(r.channel), null)
                    : new DecisionRequest.Reply(r.receivedAt, Sentiment.valueOf(r.sentiment), r.promisedOn,
                            r.channel == null ? null : Channel.valueOf(r.channel), r.confidence));
        }

        for (StoredInvoice invoice : invoices) {
            String familyId = invoice.familyId == null ? "" : invoice.familyId;
            StoredFamily family = invoice.familyId == null ? null : families.get(invoice.familyId);
            var familyPart = family == null ? null : new DecisionRequest.Family(family.externalId,
                    new DecisionRequest.Contact(family.firstName, family.lastName, family.email, family.phone,
                            family.preferredChannel == null ? null : Channel.valueOf(family.preferredChannel),
                            JsonColumns.read(mapper, family.optedOut, new TypeReference<List<Channel>>() { })),
                    JsonColumns.read(mapper, family.children, new TypeReference<List<DecisionRequest.Child>>() { }),
                    JsonColumns.read(mapper, family.flags, new TypeReference<List<FamilyFlag>>() { }));
            var invoicePart = new DecisionRequest.Invoice(invoice.externalId, invoice.issuedOn, invoice.dueOn, invoice.total,
                    invoice.balance, invoice.currency, InvoiceStatus.valueOf(invoice.status), invoice.statusSetManually,
                    invoice.automationEnabled, invoice.lateFeeAssessed, payments.getOrDefault(invoice.externalId, List.of()));
            List<DecisionRequest.PastInvoice> past = familyInvoices.getOrDefault(familyId, List.of()).stream()
                    .filter(p -> !p.id().equals(invoice.externalId)).toList();
            var history = new DecisionRequest.History(contacts.getOrDefault(familyId, List.of()),
                    tasks.getOrDefault(invoice.externalId, List.of()), past, replies.getOrDefault(familyId, List.of()));
            requests.put(invoice.externalId, new DecisionRequest(asOf, centerPart, familyPart, invoicePart, history));
        }
        return requests;
    }
}
