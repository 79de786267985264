package app.dunwell.effects;

import app.dunwell.events.EventLog;
import jakarta.persistence.EntityManager;
import app.dunwell.state.SqlArrays;
import org.hibernate.Session;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.UUID;

/**
 * The rows that effects add (tasks, effects waiting for approval, reminders in the outbox, events), collected while a
 * decision or a batch of them is applied and then written on the transaction's connection as one JDBC batch per table:
 * a run writes a batch's effects in a few round trips instead of a statement each (tasks and events as one
 * statement over arrays each). Written in this order:
 * tasks, waiting effects, reminders, events, so an event about a task is written only if its task was (an open task of
 * the same kind may already exist: then neither is).
 */
final class EffectRows {
    /** Tasks in one statement, which answers the ids of those written (an open task of the same kind may exist). */
    private static final String TASK = "insert into task (id, center_id, invoice_id, type, decision_id, reason, created_at) "
            + "select t.id, t.center_id, t.invoice_id, t.type, t.decision_id, t.reason, clock_timestamp() from unnest(cast(? as uuid[]), "
            + "cast(? as text[]), cast(? as text[]), cast(? as text[]), cast(? as uuid[]), cast(? as text[])) with ordinality "
            + "as t(id, center_id, invoice_id, type, decision_id, reason, place) order by t.place on conflict do nothing returning id";
    private static final String PENDING_EFFECT = "insert into pending_effect (id, center_id, invoice_id, family_id, decision_id, type, "
            + "effect_key, payload, balance) values (?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), ?) on conflict do nothing";
    private static final String REMINDER = "insert into outbox (id, center_id, invoice_id, family_id, decision_id, run_id, kind, "
            + "days_before, channel, not_before, state, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, clock_timestamp()) "
            + "on conflict do nothing";

    private final List<Object[]> tasks = new ArrayList<>();
    private final List<Object[]> pendingEffects = new ArrayList<>();
    private final List<Object[]> reminders = new ArrayList<>();
    private final List<QueuedEvent> events = new ArrayList<>();

    /** An event to be written; with {@code ifTask}, only if that task is written with it. */
    private record QueuedEvent(EventLog.Draft draft, UUID ifTask) {
    }

    void task(UUID id, String centerId, String invoiceId, String type, UUID decisionId, String reason) {
        tasks.add(new Object[] {id, centerId, invoiceId, type, decisionId, reason});
    }

    void pendingEffect(String centerId, String invoiceId, String familyId, UUID decisionId, String type, String effectKey,
                       String payloadJson, java.math.BigDecimal balance) {
        pendingEffects.add(new Object[] {UUID.randomUUID(), centerId, invoiceId, familyId, decisionId, type, effectKey, payloadJson, balance});
    }

    void reminder(String centerId, String invoiceId, String familyId, UUID decisionId, UUID runId, String kind, int daysBefore,
                  String channel, Instant notBefore, String state) {
        reminders.add(new Object[] {UUID.randomUUID(), centerId, invoiceId, familyId, decisionId, runId, kind, daysBefore, channel,
                notBefore == null ? null : OffsetDateTime.ofInstant(notBefore, ZoneOffset.UTC), state});
    }

    /** An event, written unless one of its meaning exists (and, with {@code ifTask}, only if that task was written). */
    void event(EventLog.Draft draft, UUID ifTask) {
        events.add(new QueuedEvent(draft, ifTask));
    }

    /** Writes what was collected, in the caller's transaction. */
    void write(EntityManager em, EventLog eventLog) {
        if (tasks.isEmpty() && pendingEffects.isEmpty() && reminders.isEmpty() && events.isEmpty()) {
            return;
        }
        em.unwrap(Session.class).doWork(connection -> {
            Set<UUID> tasksWritten = tasks(connection);
            batch(connection, PENDING_EFFECT, pendingEffects);
            batch(connection, REMINDER, reminders);
            eventLog.recordAll(connection, events.stream().filter(e -> e.ifTask() == null || tasksWritten.contains(e.ifTask()))
                    .map(QueuedEvent::draft).toList());
        });
    }

    /** Writes the tasks; returns the ids of those written. */
    private Set<UUID> tasks(Connection connection) throws SQLException {
        Set<UUID> written = new HashSet<>();
        if (tasks.isEmpty()) {
            return written;
        }
        try (PreparedStatement statement = connection.prepareStatement(TASK)) {
            String[] types = {"uuid", "text", "text", "text", "uuid", "text"};
            for (int column = 0; column < types.length; column++) {
                int c = column;
                statement.setArray(column + 1, SqlArrays.column(connection, types[column], tasks, row -> row[c]));
            }
            try (ResultSet ids = statement.executeQuery()) {
                while (ids.next()) {
                    written.add(ids.getObject(1, UUID.class));
                }
            }
        }
        return written;
    }

    private static void batch(Connection connection, String sql, List<Object[]> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (Object[] row : rows) {
                for (int i = 0; i < row.length; i++) {
                    if (row[i] == null) {
                        statement.setNull(i + 1, Types.OTHER);
                    } else {
                        statement.setObject(i + 1, row[i]);
                    }
                }
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }
}
