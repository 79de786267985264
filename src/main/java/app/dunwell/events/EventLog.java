package app.dunwell.events;

import app.dunwell.state.JsonColumns;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Writes events, in the caller's transaction: the event exists exactly when the effect it tells of does. Each event has
 * a {@code meaning} (a fee of an invoice, one status transition of an invoice, the sending of one reminder…) that the
 * database keeps unique, so that a repeated run, a second instance or a retried approval never tells the platform twice.
 */
@ApplicationScoped
public class EventLog {
    private final EntityManager em;
    private final ObjectMapper mapper;

    public EventLog(EntityManager em, ObjectMapper mapper) {
        this.em = em;
        this.mapper = mapper;
    }

    /** What happened, to be written as an event. */
    public record Draft(String type, Instant occurredAt, String centerId, String invoiceId, String familyId, UUID decisionId,
                        String rulesetVersion, Map<String, Object> data, String meaning) {
    }

    /** Writes the event unless one of the same meaning exists; returns whether it was written. */
    public boolean record(Draft draft) {
        return em.createNativeQuery("insert into event (id, type, occurred_at, center_id, invoice_id, family_id, decision_id, "
                        + "ruleset_version, data, meaning, delivery_state) select ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, cast(?9 as jsonb), ?10, "
                        + "case when c.events_url is null then 'UNSENT' else 'PENDING' end from center c where c.id = ?4 "
                        + "on conflict (meaning) do nothing")
                .setParameter(1, UUID.randomUUID()).setParameter(2, draft.type()).setParameter(3, draft.occurredAt())
                .setParameter(4, draft.centerId()).setParameter(5, draft.invoiceId()).setParameter(6, draft.familyId())
                .setParameter(7, draft.decisionId()).setParameter(8, draft.rulesetVersion())
                .setParameter(9, JsonColumns.write(mapper, draft.data())).setParameter(10, draft.meaning())
                .executeUpdate() == 1;
    }
}
