package app.dunwell.state;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import org.jboss.logging.Logger;

import java.util.List;

/**
 * At start-up, after the schema: seals every stored secret that is still plain (kept before sealing existed) or sealed
 * with a previous key, so that the database holds none that the current key does not seal.
 */
@ApplicationScoped
public class SecretsSealing {
    private static final Logger LOG = Logger.getLogger(SecretsSealing.class);

    private final SecretsAtRest secrets;

    public SecretsSealing(SecretsAtRest secrets) {
        this.secrets = secrets;
    }

    void sealAtStartUp(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE + 10) StartupEvent event) {
        int sealed = QuarkusTransaction.requiringNew().call(() -> {
            List<Center> centers = Center.listAll();
            int count = 0;
            for (Center center : centers) {
                if (center.webhookSecret != null && !secrets.sealedWithCurrentKey(center.webhookSecret)) {
                    center.webhookSecret = secrets.seal(secrets.open(center.webhookSecret));
                    count++;
                }
            }
            return count;
        });
        if (sealed > 0) {
            LOG.infof("Sealed %d stored secrets with the current key", sealed);
        }
    }
}
