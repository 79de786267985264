package app.dunwell.events;

import app.dunwell.decision.InvalidRequestException;
import app.dunwell.state.JsonColumns;
import app.dunwell.state.Timestamps;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The pull feed, for platforms that cannot take webhooks: a center's events in feed order after a cursor, with no gaps
 * (see {@link EventSequencer}); one event with its delivery attempts; a failed or delivered event sent again.
 */
@ApplicationScoped
public class EventFeed {
    public static final int MAX_LIMIT = 1000;

    private final EntityManager em;
    private final ObjectMapper mapper;
    private final EventSequencer sequencer;

    public EventFeed(EntityManager em, ObjectMapper mapper, EventSequencer sequencer) {
        this.em = em;
        this.mapper = mapper;
        this.sequencer = sequencer;
    }

    /** A page of the feed and the cursor to ask with next (the same cursor when nothing new came). */
    public record Page(List<Event> events, String next) {
    }

    /** An event with how its delivery went. */
    public record Delivered(Event event, String deliveryState, int attempts, Instant deliveredAt, String lastError, List<Attempt> deliveryAttempts) {
    }

    public record Attempt(Instant at, Integer status, String error, int durationMs) {
    }

    /** The center's events after {@code cursor} (from the start when null), at most {@code limit}. */
    @SuppressWarnings("unchecked")
    public Page after(String centerId, String cursor, int limit) {
        long after = position(cursor);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidRequestException("limit", "must be between 1 and " + MAX_LIMIT);
        }
        sequencer.sequence();
        List<Object[]> rows = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("select id, position from event "
                        + "where center_id = ?1 and position > ?2 order by position limit ?3")
                .setParameter(1, centerId).setParameter(2, after).setParameter(3, limit).getResultList());
        List<Event> events = QuarkusTransaction.requiringNew().call(() -> rows.stream()
                .map(r -> read(em, mapper, (UUID) r[0]).orElseThrow()).toList());
        String next = rows.isEmpty() ? (cursor == null ? "0" : cursor) : String.valueOf(((Number) rows.get(rows.size() - 1)[1]).longValue());
        return new Page(events, next);
    }

    private static long position(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return 0;
        }
        try {
            long position = Long.parseLong(cursor);
            if (position < 0) {
                throw new NumberFormatException();
            }
            return position;
        } catch (NumberFormatException e) {
            throw new InvalidRequestException("after", "is not a cursor of this feed (the next of a previous page)");
        }
    }

    /** One event of the center (of any center when {@code centerId} is null), with its delivery attempts. */
    @SuppressWarnings("unchecked")
    public Optional<Delivered> find(UUID id, String centerId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<Object[]> rows = em.createNativeQuery("select center_id, delivery_state, attempts, delivered_at, last_error from event where id = ?1")
                    .setParameter(1, id).getResultList();
            if (rows.isEmpty() || (centerId != null && !centerId.equals(rows.get(0)[0]))) {
                return Optional.<Delivered>empty();
            }
            Object[] r = rows.get(0);
            List<Attempt> attempts = ((List<Object[]>) em.createNativeQuery("select at, status, error, duration_ms from event_attempt "
                    + "where event_id = ?1 order by at").setParameter(1, id).getResultList()).stream()
                    .map(a -> new Attempt(Timestamps.instant(a[0]), a[1] == null ? null : ((Number) a[1]).intValue(), (String) a[2],
                            ((Number) a[3]).intValue())).toList();
            return Optional.of(new Delivered(read(em, mapper, id).orElseThrow(), (String) r[1], ((Number) r[2]).intValue(),
                    Timestamps.instant(r[3]), (String) r[4], attempts));
        });
    }

    /** Sends the event again from now (its id stays, so the receiver knows it); false when there is no such event. */
    public boolean redeliver(UUID id, String centerId) {
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("update event e set delivery_state = 'PENDING', "
                        + "next_attempt_at = null, attempts = 0, last_error = null, created_at = clock_timestamp() "
                        + "where e.id = ?1 and (cast(?2 as text) is null or e.center_id = ?2) "
                        + "and exists (select 1 from center c where c.id = e.center_id and c.events_url is not null)")
                .setParameter(1, id).setParameter(2, centerId).executeUpdate() == 1);
    }

    /** How many of the center's events failed for good. */
    public long failed(String centerId) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from event where center_id = ?1 and delivery_state = 'FAILED'").setParameter(1, centerId)
                .getSingleResult()).longValue());
    }

    /** An event as platforms see it, read in the caller's transaction. */
    @SuppressWarnings("unchecked")
    static Optional<Event> read(EntityManager em, ObjectMapper mapper, UUID id) {
        List<Object[]> rows = em.createNativeQuery("select id, type, occurred_at, center_id, invoice_id, family_id, decision_id, "
                + "ruleset_version, cast(data as text) from event where id = ?1").setParameter(1, id).getResultList();
        return rows.stream().findFirst().map(r -> new Event((UUID) r[0], (String) r[1], Timestamps.instant(r[2]), (String) r[3],
                (String) r[4], (String) r[5], (UUID) r[6], (String) r[7], Event.SOURCE, JsonColumns.tree(mapper, (String) r[8], "{}")));
    }
}
