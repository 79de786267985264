package app.dunwell.dispatch;

import app.dunwell.decision.InvalidRequestException;
import app.dunwell.state.Center;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/** Stops all sending at once, for one center or for everything; what is queued waits and goes out when lifted. */
@ApplicationScoped
public class KillSwitch {
    private final EntityManager em;

    public KillSwitch(EntityManager em) {
        this.em = em;
    }

    @Transactional
    public void setGlobal(boolean active) {
        em.createNativeQuery("update kill_switch set active = ?1 where name = 'global'").setParameter(1, active).executeUpdate();
    }

    @Transactional
    public void setForCenter(String centerId, boolean active) {
        Center center = Center.findById(centerId);
        if (center == null) {
            throw new InvalidRequestException("centerId", "is not a known center");
        }
        em.createNativeQuery("update center set sending_paused = ?1 where id = ?2").setParameter(1, active).setParameter(2, centerId)
                .executeUpdate();
    }
}
