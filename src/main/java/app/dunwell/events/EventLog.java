package app.dunwell.events;

import app.dunwell.state.JsonColumns;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.hibernate.Session;

import java.time.Instant;
import java.util.Map;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
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

    /** An event waiting to be written with others; with {@code ifTask}, only if that task exists by then. */
    public record Queued(Draft draft, UUID ifTask) {
    }

    private static final String INSERT = "insert into event (id, type, occurred_at, center_id, invoice_id, family_id, decision_id, "
            + "ruleset_version, data, meaning, delivery_state) select ?, ?, ?, c.id, ?, ?, ?, ?, cast(? as jsonb), ?, "
            + "case when c.events_url is null then 'UNSENT' else 'PENDING' end from center c where c.id = ? "
            + "and (cast(? as uuid) is null or exists (select 1 from task t where t.id = cast(? as uuid))) on conflict (meaning) do nothing";

    /**
     * Writes queued events as one JDBC batch on the transaction's connection, in their order (the feed's order), each unless
     * one of the same meaning exists; returns how many were written.
     */
    public int recordAll(Connection connection, List<Queued> queued) throws SQLException {
        if (queued.isEmpty()) {
            return 0;
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (Queued q : queued) {
                Draft d = q.draft();
                insert.setObject(1, UUID.randomUUID());
                insert.setString(2, d.type());
                insert.setObject(3, OffsetDateTime.ofInstant(d.occurredAt(), ZoneOffset.UTC));
                insert.setString(4, d.invoiceId());
                insert.setString(5, d.familyId());
                insert.setObject(6, d.decisionId(), Types.OTHER);
                insert.setString(7, d.rulesetVersion());
                insert.setString(8, JsonColumns.write(mapper, d.data()));
                insert.setString(9, d.meaning());
                insert.setString(10, d.centerId());
                insert.setObject(11, q.ifTask() == null ? null : q.ifTask().toString(), Types.VARCHAR);
                insert.setObject(12, q.ifTask() == null ? null : q.ifTask().toString(), Types.VARCHAR);
                insert.addBatch();
            }
            int written = 0;
            for (int count : insert.executeBatch()) {
                written += Math.max(count, 0);
            }
            return written;
        }
    }

    /** Writes the event unless one of the same meaning exists, after what the session holds; returns whether it was written. */
    public boolean record(Draft draft) {
        em.flush();
        return em.unwrap(Session.class).doReturningWork(connection -> recordAll(connection, List.of(new Queued(draft, null)))) == 1;
    }
}
