package app.dunwell.run;

import app.dunwell.state.JsonColumns;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import app.dunwell.state.Timestamps;
import jakarta.persistence.EntityManager;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything that happened to one invoice, in order: decisions with their traces, status changes,
 * reminders queued and sent, contacts, replies and tasks. Automated entries carry the source {@code Dunwell}.
 */
@ApplicationScoped
public class InvoiceTimeline {
    private final EntityManager em;
    private final ObjectMapper mapper;

    public InvoiceTimeline(EntityManager em, ObjectMapper mapper) {
        this.em = em;
        this.mapper = mapper;
    }

    /** One thing that happened. */
    public record Entry(Instant at, String type, String source, Map<String, Object> details) {
    }

    @SuppressWarnings("unchecked")
    public List<Entry> of(String centerId, String invoiceId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<Entry> entries = new ArrayList<>();
            for (Object[] r : (List<Object[]>) query("select created_at, id, ruleset_version, cast(answer as text) from decision_record "
                    + "where center_id = ?1 and invoice_id = ?2", centerId, invoiceId)) {
                JsonNode answer = JsonColumns.tree(mapper, (String) r[3], "{}");
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("decisionId", r[1].toString());
                details.put("rulesetVersion", r[2]);
                details.put("asOf", answer.path("asOf").asText());
                details.put("actions", answer.path("actions"));
                details.put("suppressed", answer.path("suppressed"));
                details.put("trace", answer.path("trace"));
                entries.add(new Entry(Timestamps.instant(r[0]), "DECISION", "Dunwell", details));
                if (answer.hasNonNull("status") && answer.get("status").isObject()) {
                    entries.add(new Entry(Timestamps.instant(r[0]), "STATUS_CHANGE", "Dunwell", Map.of("from", answer.path("status").path("from").asText(),
                            "to", answer.path("status").path("to").asText(), "decisionId", r[1].toString())));
                }
            }
            for (Object[] r : (List<Object[]>) query("select created_at, kind, channel, state, not_before, sent_at, source from outbox "
                    + "where center_id = ?1 and invoice_id = ?2", centerId, invoiceId)) {
                entries.add(new Entry(Timestamps.instant(r[0]), "REMINDER_QUEUED", (String) r[6], Map.of("kind", r[1], "channel", r[2], "state", r[3],
                        "notBefore", Timestamps.instant(r[4]).toString())));
            }
            for (Object[] r : (List<Object[]>) query("select sent_at, kind, channel from contact where center_id = ?1 and invoice_id = ?2",
                    centerId, invoiceId)) {
                entries.add(new Entry(Timestamps.instant(r[0]), "CONTACT", "Dunwell", Map.of("kind", r[1], "channel", r[2])));
            }
            for (Object[] r : (List<Object[]>) query("select created_at, type, source, id, reason, state, assignee, outcome, note, resolved_at "
                    + "from task where center_id = ?1 and invoice_id = ?2", centerId, invoiceId)) {
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("taskId", r[3].toString());
                details.put("taskType", r[1]);
                details.put("reason", r[4]);
                details.put("state", r[5]);
                details.put("assignee", r[6]);
                details.put("outcome", r[7]);
                details.put("note", r[8]);
                entries.add(new Entry(Timestamps.instant(r[0]), "TASK", (String) r[2], details));
            }
            for (Object[] r : (List<Object[]>) query("select received_at, sentiment, text, promised_on, id, confidence, label_sentiment, "
                    + "label_promised_on, labelled_by from reply where center_id = ?1 and invoice_id = ?2", centerId, invoiceId)) {
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("replyId", r[4].toString());
                details.put("sentiment", r[1]);
                details.put("confidence", r[5] == null ? null : ((java.math.BigDecimal) r[5]).doubleValue());
                details.put("text", r[2]);
                if (r[3] != null) {
                    details.put("promisedOn", r[3].toString());
                }
                if (r[6] != null) {
                    details.put("label", r[6]);
                    details.put("labelPromisedOn", r[7] == null ? null : r[7].toString());
                    details.put("labelledBy", r[8]);
                }
                entries.add(new Entry(Timestamps.instant(r[0]), "REPLY", "family", details));
            }
            for (Object[] r : (List<Object[]>) query("select created_at, type, state, cast(payload as text), id, decided_at, decided_by "
                    + "from pending_effect where center_id = ?1 and invoice_id = ?2", centerId, invoiceId)) {
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("approvalId", r[4].toString());
                details.put("effect", r[1]);
                details.put("state", r[2]);
                details.put("proposed", JsonColumns.tree(mapper, (String) r[3], "{}"));
                details.put("decidedBy", r[6]);
                entries.add(new Entry(Timestamps.instant(r[0]), "EFFECT", "Dunwell", details));
            }
            for (Object[] r : (List<Object[]>) query("select at, what, who, cast(detail as text) from audit_entry "
                    + "where center_id = ?1 and invoice_id = ?2", centerId, invoiceId)) {
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("what", r[1]);
                details.put("detail", JsonColumns.tree(mapper, (String) r[3], "{}"));
                entries.add(new Entry(Timestamps.instant(r[0]), "CHANGE", (String) r[2], details));
            }
            entries.sort(Comparator.comparing(Entry::at));
            return entries;
        });
    }

    private List<?> query(String sql, String centerId, String invoiceId) {
        return em.createNativeQuery(sql).setParameter(1, centerId).setParameter(2, invoiceId).getResultList();
    }

}
