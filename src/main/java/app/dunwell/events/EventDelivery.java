package app.dunwell.events;

import app.dunwell.metrics.DeliveryMetrics;
import app.dunwell.metrics.DeliveryMetrics.EventAttempt;
import app.dunwell.state.SecretsAtRest;
import app.dunwell.state.Timestamps;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.standardwebhooks.Webhook;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Delivers events to each center's {@code eventsUrl} as Standard Webhooks ({@code webhook-id} = the event id, stable
 * across retries; {@code webhook-timestamp}; {@code webhook-signature}, HMAC-SHA256 with the center's events secret), at
 * least once and in order per invoice: an invoice's event waits while an earlier one of the same invoice is undelivered.
 * A 2xx answer delivers it; anything else is retried with exponential backoff until {@code dunwell.events.give-up-after}
 * (3 days), then the event is marked failed (the center sees it, and may redeliver it); later events then go on. Several
 * instances share the work: an event is claimed with {@code FOR UPDATE SKIP LOCKED} for the time of its attempt.
 */
@ApplicationScoped
public class EventDelivery {
    private static final Logger LOG = Logger.getLogger(EventDelivery.class);
    private static final int MAX_PER_ROUND = 500;

    private final EntityManager em;
    private final EventsConfig config;
    private final EventSequencer sequencer;
    private final SecretsAtRest secrets;
    private final ObjectMapper mapper;
    private final EventUrls urls;
    private final HttpClient http;
    private final DeliveryMetrics metrics;

    public EventDelivery(EntityManager em, EventsConfig config, EventSequencer sequencer, SecretsAtRest secrets, ObjectMapper mapper,
                         EventUrls urls, DeliveryMetrics metrics) {
        this.em = em;
        this.metrics = metrics;
        this.config = config;
        this.sequencer = sequencer;
        this.secrets = secrets;
        this.mapper = mapper;
        this.urls = urls;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Scheduled(every = "${dunwell.events.interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onSchedule() {
        if (config.scheduled()) {
            deliverDue(Instant.now());
        }
    }

    /** Positions the committed events, then delivers what is due at {@code now}; returns how many attempts were made. */
    public int deliverDue(Instant now) {
        sequencer.sequence();
        int attempts = 0;
        while (attempts < MAX_PER_ROUND) {
            Optional<EventAttempt> attempt = QuarkusTransaction.requiringNew().call(() -> deliverOne(now));
            if (attempt.isEmpty()) {
                break;
            }
            // Counted once its transaction has committed.
            metrics.event(attempt.get());
            attempts++;
        }
        return attempts;
    }

    /** Attempts the next event due, and says how it went; empty when none is due. */
    private Optional<EventAttempt> deliverOne(Instant now) {
        @SuppressWarnings("unchecked")
        List<Object[]> due = em.createNativeQuery("select e.id, e.created_at, e.attempts, c.events_url, c.events_secret from event e "
                        + "join center c on c.id = e.center_id "
                        + "where e.delivery_state = 'PENDING' and e.position is not null and c.events_url is not null "
                        + "and (e.next_attempt_at is null or e.next_attempt_at <= ?1) "
                        + "and not exists (select 1 from event p where p.center_id = e.center_id and p.delivery_state = 'PENDING' "
                        + "and p.position < e.position and coalesce(p.invoice_id, '~' || coalesce(p.family_id, '')) "
                        + "= coalesce(e.invoice_id, '~' || coalesce(e.family_id, ''))) "
                        + "order by e.position limit 1 for update of e skip locked")
                .setParameter(1, now).getResultList();
        if (due.isEmpty()) {
            return Optional.empty();
        }
        Object[] row = due.get(0);
        UUID id = (UUID) row[0];
        Instant created = Timestamps.instant(row[1]);
        int attempts = ((Number) row[2]).intValue() + 1;
        String url = (String) row[3];
        Event event = EventFeed.read(em, mapper, id).orElseThrow();
        Instant started = Instant.now();
        Integer status = null;
        String error = null;
        try {
            urls.checkAtDelivery(url);
            String payload = mapper.writeValueAsString(event);
            long timestamp = Instant.now().getEpochSecond();
            String signature = new Webhook(secrets.open((String) row[4])).sign(id.toString(), timestamp, payload);
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(config.timeout())
                    .header("Content-Type", "application/json").header("webhook-id", id.toString())
                    .header("webhook-timestamp", String.valueOf(timestamp)).header("webhook-signature", signature)
                    .POST(HttpRequest.BodyPublishers.ofString(payload)).build(), HttpResponse.BodyHandlers.ofString());
            status = response.statusCode();
            if (status < 200 || status > 299) {
                error = "the receiver answered " + status;
            }
        } catch (IOException e) {
            error = "the receiver cannot be reached: " + e.getClass().getSimpleName();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = "interrupted";
        } catch (Exception e) {
            error = "not delivered: " + e.getMessage();
        }
        em.createNativeQuery("insert into event_attempt (event_id, at, status, error, duration_ms) values (?1, ?2, ?3, ?4, ?5)")
                .setParameter(1, id).setParameter(2, now).setParameter(3, status).setParameter(4, error)
                .setParameter(5, (int) Duration.between(started, Instant.now()).toMillis()).executeUpdate();
        if (error == null) {
            em.createNativeQuery("update event set delivery_state = 'DELIVERED', attempts = ?1, delivered_at = ?2, last_error = null "
                    + "where id = ?3").setParameter(1, attempts).setParameter(2, now).setParameter(3, id).executeUpdate();
            return Optional.of(EventAttempt.DELIVERED);
        } else if (Duration.between(created, now).compareTo(config.giveUpAfter()) >= 0) {
            LOG.warnf("Event %s of center %s failed for good after %d attempts: %s", id, event.centerId(), attempts, error);
            em.createNativeQuery("update event set delivery_state = 'FAILED', attempts = ?1, last_error = ?2 where id = ?3")
                    .setParameter(1, attempts).setParameter(2, error).setParameter(3, id).executeUpdate();
            return Optional.of(EventAttempt.FAILED);
        } else {
            Duration wait = config.firstRetry().multipliedBy(1L << Math.min(attempts - 1, 20));
            if (wait.compareTo(config.longestWait()) > 0) {
                wait = config.longestWait();
            }
            em.createNativeQuery("update event set attempts = ?1, last_error = ?2, next_attempt_at = ?3 where id = ?4")
                    .setParameter(1, attempts).setParameter(2, error).setParameter(3, now.plus(wait)).setParameter(4, id).executeUpdate();
            return Optional.of(EventAttempt.RETRIED);
        }
    }
}
