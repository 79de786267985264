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
import app.dunwell.state.StoredPayment;
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
import java.util.List;

/** Builds the decision request for one stored invoice at one moment, from everything stored about it and its family. */
@ApplicationScoped
public class RequestAssembler {
    private final ObjectMapper mapper;
    private final EntityManager em;

    public RequestAssembler(ObjectMapper mapper, EntityManager em) {
        this.mapper = mapper;
        this.em = em;
    }

    public DecisionRequest assemble(Center center, StoredInvoice invoice, Instant asOf) {
        StoredFamily family = invoice.familyId == null ? null : StoredFamily.<StoredFamily>find(
                "centerId = ?1 and externalId = ?2", center.id, invoice.familyId).firstResult();
        var centerPart = new DecisionRequest.Center(center.id, ZoneId.of(center.timezone),
                JsonColumns.read(mapper, center.holidays, new TypeReference<List<LocalDate>>() { }), (ObjectNode) JsonColumns.tree(mapper, center.settings, "{}"));
        var familyPart = family == null ? null : new DecisionRequest.Family(family.externalId,
                new DecisionRequest.Contact(family.firstName, family.lastName, family.email, family.phone,
                        family.preferredChannel == null ? null : Channel.valueOf(family.preferredChannel),
                        JsonColumns.read(mapper, family.optedOut, new TypeReference<List<Channel>>() { })),
                JsonColumns.read(mapper, family.children, new TypeReference<List<DecisionRequest.Child>>() { }),
                JsonColumns.read(mapper, family.flags, new TypeReference<List<FamilyFlag>>() { }));
        List<DecisionRequest.Payment> payments = StoredPayment.<StoredPayment>list(
                        "centerId = ?1 and invoiceId = ?2 and succeeded = true", center.id, invoice.externalId).stream()
                .map(p -> new DecisionRequest.Payment(p.paidOn, p.amount)).toList();
        var invoicePart = new DecisionRequest.Invoice(invoice.externalId, invoice.issuedOn, invoice.dueOn, invoice.total,
                invoice.balance, invoice.currency, InvoiceStatus.valueOf(invoice.status), invoice.statusSetManually,
                invoice.automationEnabled, invoice.lateFeeAssessed, payments);
        return new DecisionRequest(asOf, centerPart, familyPart, invoicePart, history(center, invoice));
    }

    @SuppressWarnings("unchecked")
    private DecisionRequest.History history(Center center, StoredInvoice invoice) {
        String familyId = invoice.familyId == null ? "" : invoice.familyId;
        List<Object[]> contactRows = em.createNativeQuery("select sent_at, channel, invoice_id, kind, days_before from contact "
                + "where center_id = ?1 and family_id = ?2").setParameter(1, center.id).setParameter(2, familyId).getResultList();
        List<DecisionRequest.PastContact> contacts = contactRows.stream().map(r -> new DecisionRequest.PastContact(
                Timestamps.instant(r[0]), Channel.valueOf((String) r[1]), (String) r[2], ReminderKind.valueOf((String) r[3]),
                r[4] == null ? null : ((Number) r[4]).intValue())).toList();
        // A task counts from the moment of the decision that created it (its asOf), so runs of past days see their own tasks.
        List<Object[]> taskRows = em.createNativeQuery("select coalesce(d.as_of, t.created_at), t.type from task t "
                        + "left join decision_record d on d.id = t.decision_id where t.center_id = ?1 and t.invoice_id = ?2")
                .setParameter(1, center.id).setParameter(2, invoice.externalId).getResultList();
        List<DecisionRequest.PastTask> tasks = taskRows.stream().map(r -> new DecisionRequest.PastTask(
                Timestamps.instant(r[0]), TaskType.valueOf((String) r[1]), invoice.externalId)).toList();
        List<DecisionRequest.PastInvoice> pastInvoices = StoredInvoice.<StoredInvoice>list(
                        "centerId = ?1 and familyId = ?2 and externalId <> ?3 and dueOn is not null", center.id, familyId, invoice.externalId)
                .stream().map(p -> new DecisionRequest.PastInvoice(p.externalId, p.dueOn, p.paidOn)).toList();
        // A person's label wins: its sentiment and day, read as sure (no confidence).
        List<DecisionRequest.Reply> replies = StoredReply.<StoredReply>list("centerId = ?1 and familyId = ?2", center.id, familyId)
                .stream().map(r -> r.labelSentiment != null
                        ? new DecisionRequest.Reply(r.receivedAt, Sentiment.valueOf(r.labelSentiment), r.labelPromisedOn,
                                r.channel == null ? null : Channel.valueOf(r.channel), null)
                        : new DecisionRequest.Reply(r.receivedAt, Sentiment.valueOf(r.sentiment), r.promisedOn,
                                r.channel == null ? null : Channel.valueOf(r.channel), r.confidence)).toList();
        return new DecisionRequest.History(contacts, tasks, pastInvoices, replies);
    }


}
