package app.dunwell.dispatch;

import app.dunwell.state.JsonColumns;
import app.dunwell.state.Timestamps;
import app.dunwell.decision.Channel;
import app.dunwell.decision.FamilyFlag;
import app.dunwell.decision.ReminderKind;
import app.dunwell.state.Center;
import app.dunwell.state.StoredFamily;
import app.dunwell.state.StoredInvoice;
import app.dunwell.events.EventLog;
import app.dunwell.messaging.Message;
import app.dunwell.messaging.MessageFacts;
import app.dunwell.messaging.MessageWording;
import app.dunwell.lifecycle.Stopping;
import app.dunwell.metrics.DeliveryMetrics;
import app.dunwell.metrics.DeliveryMetrics.Reminder;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Delivers the outbox: every pending reminder whose {@code notBefore} has come, unless its center or
 * everything is switched off (then it waits, nothing is lost). Each is checked against the policy as of the
 * moment it goes out ({@link SendTimeCheck}): one the policy no longer owes is withdrawn. A sent reminder becomes a contact that
 * the next decision counts; a failure is retried with backoff, and one that cannot succeed becomes a
 * NO_CHANNEL task for a person. Several instances split the work with {@code FOR UPDATE SKIP LOCKED}.
 */
@ApplicationScoped
public class Dispatcher {
    private static final Logger LOG = Logger.getLogger(Dispatcher.class);

    private final EntityManager em;
    private final MessageWording wording;
    private final ChannelAdapters channels;
    private final DispatchConfig config;
    private final ObjectMapper mapper;
    private final SendTimeCheck sendTimeCheck;
    private final EventLog events;
    private final DeliveryMetrics metrics;
    /** Once the instance is stopping, nothing more is claimed (what is being delivered finishes). */
    @Inject
    Stopping stopping;

    public Dispatcher(EntityManager em, MessageWording wording, ChannelAdapters channels, DispatchConfig config, ObjectMapper mapper,
                      SendTimeCheck sendTimeCheck, EventLog events, DeliveryMetrics metrics) {
        this.events = events;
        this.metrics = metrics;
        this.em = em;
        this.sendTimeCheck = sendTimeCheck;
        this.wording = wording;
        this.channels = channels;
        this.config = config;
        this.mapper = mapper;
    }

    @Scheduled(every = "${dunwell.dispatch.interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onSchedule() {
        if (config.scheduled()) {
            dispatchDue(Instant.now());
        }
    }

    /** Delivers everything due at {@code now}; returns how many deliveries were attempted. */
    public int dispatchDue(Instant now) {
        return dispatchDue(now, null);
    }

    /** Delivers what is due at {@code now} for one center ({@code null}: every center). */
    public int dispatchDue(Instant now, String centerId) {
        int attempted = 0;
        while (!stopping.now()) {
            Optional<Reminder> delivered = QuarkusTransaction.requiringNew().call(() -> deliverOne(now, centerId));
            if (delivered.isEmpty()) {
                break;
            }
            // Counted once its transaction has committed.
            metrics.reminder(delivered.get());
            attempted++;
        }
        return attempted;
    }

    /** Delivers the next reminder due, and says what became of it; empty when none is due. */
    private Optional<Reminder> deliverOne(Instant now, String onlyCenter) {
        @SuppressWarnings("unchecked")
        List<UUID> due = em.createNativeQuery("select o.id from outbox o join center c on c.id = o.center_id "
                        + "where o.state = 'PENDING' and o.not_before <= ?1 and (o.next_attempt_at is null or o.next_attempt_at <= ?1) "
                        + "and not c.sending_paused and not (select active from kill_switch where name = 'global') "
                        + "and (cast(?2 as text) is null or o.center_id = ?2) "
                        + "order by o.not_before limit 1 for update of o skip locked")
                .setParameter(1, now).setParameter(2, onlyCenter).getResultList();
        if (due.isEmpty()) {
            return Optional.empty();
        }
        UUID id = due.get(0);
        Object[] row = (Object[]) em.createNativeQuery("select o.center_id, o.invoice_id, o.family_id, o.kind, o.days_before, o.channel, "
                + "o.attempts, coalesce(d.as_of, o.not_before) from outbox o left join decision_record d on d.id = o.decision_id "
                + "where o.id = ?1").setParameter(1, id).getSingleResult();
        String centerId = (String) row[0];
        String invoiceId = (String) row[1];
        String familyId = (String) row[2];
        ReminderKind kind = ReminderKind.valueOf((String) row[3]);
        int daysBefore = ((Number) row[4]).intValue();
        int attempts = ((Number) row[6]).intValue() + 1;
        Center center = Center.findById(centerId);
        StoredInvoice invoice = StoredInvoice.<StoredInvoice>find("centerId = ?1 and externalId = ?2", centerId, invoiceId).firstResult();
        SendTimeCheck.Verdict verdict = sendTimeCheck.check(center, invoice, kind, daysBefore < 0 ? null : daysBefore,
                Timestamps.instant(row[7]), now);
        if (!verdict.send()) {
            LOG.infof("Reminder %s %s for invoice %s withdrawn: %s", id, kind, invoiceId, verdict.reason());
            em.createNativeQuery("update outbox set state = 'WITHDRAWN', last_error = ?1 where id = ?2")
                    .setParameter(1, verdict.reason()).setParameter(2, id).executeUpdate();
            reminderEvent("reminder.withdrawn", "withdrawn", id, centerId, invoiceId, familyId, now,
                    Map.of("kind", kind.name(), "reason", verdict.reason()));
            return Optional.of(Reminder.WITHDRAWN);
        }
        Channel channel = verdict.channel();
        StoredFamily family = familyId == null ? null
                : StoredFamily.<StoredFamily>find("centerId = ?1 and externalId = ?2", centerId, familyId).firstResult();
        try {
            Message message = wording.word(facts(center, invoice, family, kind, channel), centerId);
            channels.send(message, new ChannelAdapters.Recipient(familyId, family == null ? null : family.email,
                    family == null ? null : family.phone), invoiceId, id);
            em.createNativeQuery("update outbox set state = 'SENT', sent_at = ?1, attempts = ?2, last_error = null, channel = ?3 where id = ?4")
                    .setParameter(1, now).setParameter(2, attempts).setParameter(3, channel.name()).setParameter(4, id).executeUpdate();
            em.createNativeQuery("insert into contact (id, center_id, family_id, invoice_id, kind, days_before, channel, sent_at, outbox_id) "
                            + "values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)")
                    .setParameter(1, UUID.randomUUID()).setParameter(2, centerId).setParameter(3, familyId == null ? "" : familyId)
                    .setParameter(4, invoiceId).setParameter(5, row[3]).setParameter(6, daysBefore < 0 ? null : daysBefore)
                    .setParameter(7, channel.name()).setParameter(8, now).setParameter(9, id).executeUpdate();
            Map<String, Object> sent = new java.util.LinkedHashMap<>();
            sent.put("kind", kind.name());
            sent.put("daysBefore", daysBefore < 0 ? null : daysBefore);
            sent.put("channel", channel.name());
            sent.put("subject", message.subject());
            reminderEvent("reminder.sent", "sent", id, centerId, invoiceId, familyId, now, sent);
            return Optional.of(Reminder.SENT);
        } catch (DeliveryException e) {
            if (!e.permanent() && attempts < config.maxAttempts()) {
                LOG.infof("Reminder %s for invoice %s failed (attempt %d of %d), to be tried again: %s", id, invoiceId, attempts,
                        config.maxAttempts(), withoutAddresses(e.getMessage()));
            }
            if (e.permanent() || attempts >= config.maxAttempts()) {
                LOG.warnf("Reminder %s for invoice %s failed for good: %s", id, invoiceId, withoutAddresses(e.getMessage()));
                em.createNativeQuery("update outbox set state = 'FAILED', attempts = ?1, last_error = ?2 where id = ?3")
                        .setParameter(1, attempts).setParameter(2, e.getMessage()).setParameter(3, id).executeUpdate();
                UUID taskId = UUID.randomUUID();
                int created = em.createNativeQuery("insert into task (id, center_id, invoice_id, type, reason, created_at) "
                                + "values (?1, ?2, ?3, 'NO_CHANNEL', ?4, ?5) on conflict do nothing")
                        .setParameter(1, taskId).setParameter(2, centerId).setParameter(3, invoiceId)
                        .setParameter(4, app.dunwell.tasks.TaskReasons.undeliverable(kind.name(), channel.name(), withoutAddresses(e.getMessage())))
                        .setParameter(5, now).executeUpdate();
                Map<String, Object> failed = new java.util.LinkedHashMap<>();
                failed.put("kind", kind.name());
                failed.put("channel", channel.name());
                failed.put("error", withoutAddresses(e.getMessage()));
                reminderEvent("reminder.failed", "failed", id, centerId, invoiceId, familyId, now, failed);
                if (created == 1) {
                    Map<String, Object> task = new java.util.LinkedHashMap<>();
                    task.put("taskId", taskId.toString());
                    task.put("taskType", "NO_CHANNEL");
                    task.put("outcome", null);
                    events.record(new EventLog.Draft("task.created", now, centerId, invoiceId, familyId, null, null, task,
                            "task:" + taskId + ":created"));
                }
                return Optional.of(Reminder.FAILED);
            } else {
                Instant next = now.plus(config.firstRetry().multipliedBy(1L << Math.min(attempts - 1, 20)));
                em.createNativeQuery("update outbox set attempts = ?1, last_error = ?2, next_attempt_at = ?3 where id = ?4")
                        .setParameter(1, attempts).setParameter(2, e.getMessage()).setParameter(3, next).setParameter(4, id).executeUpdate();
                return Optional.of(Reminder.RETRIED);
            }
        }
    }

    private void reminderEvent(String type, String what, UUID outboxId, String centerId, String invoiceId, String familyId, Instant at,
                               Map<String, Object> data) {
        Object[] origin = (Object[]) em.createNativeQuery("select o.decision_id, d.ruleset_version from outbox o "
                + "left join decision_record d on d.id = o.decision_id where o.id = ?1").setParameter(1, outboxId).getSingleResult();
        events.record(new EventLog.Draft(type, at, centerId, invoiceId, familyId, (UUID) origin[0], (String) origin[1], data,
                "reminder:" + outboxId + ":" + what));
    }

    /** A provider's error with the addresses and numbers it may echo (the family's) taken out, for the log. */
    static String withoutAddresses(String message) {
        return message == null ? null : message.replaceAll("[\\w.+-]+@[\\w-]+(\\.[\\w-]+)*", "<address>")
                .replaceAll("\\+?\\d[\\d ()-]{6,}\\d", "<number>");
    }

    /** What a reminder of this invoice may say, as the dispatcher words it (the web UI shows a sent message's text with it). */
    public MessageFacts facts(Center center, StoredInvoice invoice, StoredFamily family, ReminderKind kind, Channel channel) {
        List<Map<String, String>> children = family == null ? List.of() : JsonColumns.read(mapper, family.children, new TypeReference<>() { });
        List<FamilyFlag> flags = family == null ? List.of() : JsonColumns.read(mapper, family.flags, new TypeReference<>() { });
        return new MessageFacts(kind, channel, center.name, family == null ? null : family.firstName,
                children.stream().map(c -> c.get("firstName")).filter(java.util.Objects::nonNull).toList(),
                invoice.externalId, invoice.balance, invoice.currency, invoice.dueOn,
                config.paymentLink().replace("{invoiceId}", invoice.externalId), List.of(), flags.contains(FamilyFlag.HARDSHIP));
    }

}
