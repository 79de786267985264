package app.dunwell.lifecycle;

import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.Destroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;
import jakarta.transaction.TransactionScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Whether this instance is stopping (SIGTERM: every Kubernetes rollout, a scale-down, a CronJob pod cut short).
 *
 * <p>From the first notice of the shutdown on ({@code quarkus.shutdown.delay-enabled} makes Quarkus announce it before it
 * drains HTTP requests), {@link #now()} is true and the claim loops take no new work: the workers of an evaluation run,
 * the dispatcher, the daily runs. What an instance holds is always an open transaction (a run item or an outbox row claimed
 * {@code FOR UPDATE SKIP LOCKED}, decided and written in one transaction), so before the application goes away (its
 * beans, its database connections) the shutdown waits until every open transaction has committed or rolled back, up to
 * {@code dunwell.shutdown.work-timeout} after the shutdown began. Nothing is then decided by a stopped application; a run
 * left unfinished is finished by the next worker to join it, on this instance's successor or another one.
 */
@Singleton
public class Stopping {
    private static final Logger LOG = Logger.getLogger(Stopping.class);
    /** How long no transaction must be open to count as idle: a loop that has just checked {@link #now()} begins at once. */
    private static final Duration QUIET = Duration.ofMillis(300);

    private final Duration workTimeout;
    private final AtomicInteger openTransactions = new AtomicInteger();
    /** When a transaction last began or ended ({@link System#nanoTime()}). */
    private volatile long lastTransactionChange = System.nanoTime();
    private volatile Instant since;

    public Stopping(@ConfigProperty(name = "dunwell.shutdown.work-timeout", defaultValue = "40s") Duration workTimeout) {
        this.workTimeout = workTimeout;
    }

    /** True once the shutdown has begun: claim nothing more. */
    public boolean now() {
        return since != null;
    }

    void onShutdownRequested(@Observes ShutdownDelayInitiatedEvent event) {
        begin();
    }

    void onShutdown(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) ShutdownEvent event) {
        begin();
        awaitHeldWork();
    }

    void transactionBegun(@Observes @Initialized(TransactionScoped.class) Object transaction) {
        openTransactions.incrementAndGet();
        lastTransactionChange = System.nanoTime();
    }

    void transactionEnded(@Observes @Destroyed(TransactionScoped.class) Object transaction) {
        openTransactions.updateAndGet(n -> Math.max(0, n - 1));
        lastTransactionChange = System.nanoTime();
    }

    private synchronized void begin() {
        if (since == null) {
            since = Instant.now();
            LOG.infof("Stopping: no new work is claimed; what this instance holds is written or released within %d s", workTimeout.toSeconds());
        }
    }

    /**
     * Waits until no transaction is open and none has begun or ended for {@link #QUIET} (a loop that stops ends with one
     * more short transaction), or until the work timeout has passed since the shutdown began.
     */
    private void awaitHeldWork() {
        Instant deadline = since.plus(workTimeout);
        while (true) {
            Instant now = Instant.now();
            int open = openTransactions.get();
            if (open == 0 && System.nanoTime() - lastTransactionChange >= QUIET.toNanos()) {
                LOG.infof("Stopping: no work held (%d ms after the shutdown began)", Duration.between(since, now).toMillis());
                return;
            }
            if (now.isAfter(deadline)) {
                LOG.warnf("Stopping: %d transactions still open %d s after the shutdown began; the database rolls them back when the "
                        + "process exits", open, workTimeout.toSeconds());
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
