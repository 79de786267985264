package app.dunwell.events;

import app.dunwell.state.JsonColumns;
import app.dunwell.state.SqlArrays;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.hibernate.Session;

import java.time.Instant;
import java.util.Map;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
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

    /**
     * One statement for any number of events: their columns as arrays, unnested in the order given. Each row's
     * {@code created_at} (the feed's order, see {@link EventSequencer}) is the statement's clock plus its place in the
     * list in microseconds, so events written together keep their order; the center's {@code events_url} as it is in this
     * transaction says whether an event is to be delivered or only kept for the pull feed. One plan and one execution
     * per batch instead of one per row: a run writes tens of thousands of events.
     */
    private static final String INSERT = "insert into event (id, type, occurred_at, center_id, invoice_id, family_id, decision_id, "
            + "ruleset_version, data, meaning, delivery_state, created_at) "
            + "select e.id, e.type, e.occurred_at, c.id, e.invoice_id, e.family_id, e.decision_id, e.ruleset_version, "
            + "cast(e.data as jsonb), e.meaning, case when c.events_url is null then 'UNSENT' else 'PENDING' end, "
            + "(select clock_timestamp()) + e.place * interval '1 microsecond' "
            + "from unnest(cast(? as uuid[]), cast(? as text[]), cast(? as timestamptz[]), cast(? as text[]), cast(? as text[]), "
            + "cast(? as text[]), cast(? as uuid[]), cast(? as text[]), cast(? as text[]), cast(? as text[])) with ordinality "
            + "as e(id, type, occurred_at, center_id, invoice_id, family_id, decision_id, ruleset_version, data, meaning, place) "
            + "join center c on c.id = e.center_id order by e.place on conflict (meaning) do nothing";

    /**
     * Writes events in one statement on the transaction's connection, in their order (the feed's order), each unless one of
     * the same meaning exists; returns how many were written.
     */
    public int recordAll(Connection connection, List<Draft> drafts) throws SQLException {
        if (drafts.isEmpty()) {
            return 0;
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setArray(1, SqlArrays.column(connection, "uuid", drafts, d -> UUID.randomUUID()));
            insert.setArray(2, SqlArrays.column(connection, "text", drafts, Draft::type));
            insert.setArray(3, SqlArrays.column(connection, "text", drafts, d -> d.occurredAt().toString()));
            insert.setArray(4, SqlArrays.column(connection, "text", drafts, Draft::centerId));
            insert.setArray(5, SqlArrays.column(connection, "text", drafts, Draft::invoiceId));
            insert.setArray(6, SqlArrays.column(connection, "text", drafts, Draft::familyId));
            insert.setArray(7, SqlArrays.column(connection, "uuid", drafts, Draft::decisionId));
            insert.setArray(8, SqlArrays.column(connection, "text", drafts, Draft::rulesetVersion));
            insert.setArray(9, SqlArrays.column(connection, "text", drafts, d -> JsonColumns.write(mapper, d.data())));
            insert.setArray(10, SqlArrays.column(connection, "text", drafts, Draft::meaning));
            return insert.executeUpdate();
        }
    }

    /** Writes the event unless one of the same meaning exists, after what the session holds; returns whether it was written. */
    public boolean record(Draft draft) {
        em.flush();
        return em.unwrap(Session.class).doReturningWork(connection -> recordAll(connection, List.of(draft))) == 1;
    }
}
