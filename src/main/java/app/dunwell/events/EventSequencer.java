package app.dunwell.events;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/**
 * Gives committed events their position in the feed, in the order they are seen committed. One instance at a time does
 * it (a transaction-level advisory lock), so positions only ever grow from one commit to the next, and a reader that
 * asks for the events after a position never misses one that committed late (ids or insert times would: a transaction
 * that began first may commit last).
 */
@ApplicationScoped
public class EventSequencer {
    private static final long LOCK = 0x64756e77656c6cL;

    private final EntityManager em;

    public EventSequencer(EntityManager em) {
        this.em = em;
    }

    /** Positions every committed event that has none yet; returns how many. */
    public int sequence() {
        return QuarkusTransaction.requiringNew().call(() -> {
            em.createNativeQuery("select pg_advisory_xact_lock(?1)").setParameter(1, LOCK).getSingleResult();
            return em.createNativeQuery("with next as (select id, nextval('event_position') as p from ("
                    + "select id from event where position is null order by created_at, id) waiting) "
                    + "update event e set position = next.p from next where e.id = next.id").executeUpdate();
        });
    }
}
