package app.dunwell.tasks;

import app.dunwell.decision.FamilyFlag;
import app.dunwell.decision.InvalidRequestException;
import app.dunwell.decision.TaskType;
import app.dunwell.events.EventLog;
import app.dunwell.state.JsonColumns;
import app.dunwell.state.StoredFamily;
import app.dunwell.state.Timestamps;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The queue people work: the tasks the policy created, assigned and resolved. A resolution may set what the policy reads
 * next — a hardship review resolved with a plan agreed sets the family's {@code PAYMENT_PLAN_ACTIVE} flag, a dispute
 * review resolved clears {@code DISPUTE_OPEN} — and each such change is kept in the audit (shown in the timeline). A
 * resolution becomes the event {@code task.resolved}.
 */
@ApplicationScoped
public class TaskQueue {
    public static final int MAX_NOTE = 2000;

    private final EntityManager em;
    private final ObjectMapper mapper;
    private final EventLog events;

    public TaskQueue(EntityManager em, ObjectMapper mapper, EventLog events) {
        this.em = em;
        this.mapper = mapper;
        this.events = events;
    }

    public enum State { OPEN, DONE }

    /** How a task ended; some change what the policy reads next. */
    public enum Outcome {
        DONE, NO_ACTION,
        /** A hardship review: a payment plan is agreed (sets PAYMENT_PLAN_ACTIVE). */
        PLAN_AGREED,
        /** A dispute review: the dispute is settled (clears DISPUTE_OPEN). */
        DISPUTE_RESOLVED
    }

    public record Task(UUID id, String type, String reason, String invoiceId, String familyId, UUID decisionId, State state,
                       String assignee, Instant createdAt, Instant resolvedAt, Outcome outcome, String note) {
    }

    @SuppressWarnings("unchecked")
    public List<Task> list(String centerId, State state, TaskType type, String assignee) {
        return QuarkusTransaction.requiringNew().call(() -> ((List<Object[]>) em.createNativeQuery("select t.id, t.type, t.reason, "
                        + "t.invoice_id, i.family_id, t.decision_id, t.state, t.assignee, coalesce(d.as_of, t.created_at), t.resolved_at, "
                        + "t.outcome, t.note from task t left join decision_record d on d.id = t.decision_id "
                        + "left join invoice i on i.center_id = t.center_id and i.external_id = t.invoice_id "
                        + "where t.center_id = ?1 and (cast(?2 as text) is null or t.state = ?2) and (cast(?3 as text) is null or t.type = ?3) "
                        + "and (cast(?4 as text) is null or t.assignee = ?4) order by t.state desc, t.created_at")
                .setParameter(1, centerId).setParameter(2, state == null ? null : state.name())
                .setParameter(3, type == null ? null : type.name()).setParameter(4, assignee).getResultList())
                .stream().map(TaskQueue::task).toList());
    }

    public Optional<Task> assign(UUID id, String centerId, String assignee) {
        if (assignee == null || assignee.isBlank() || assignee.length() > 200) {
            throw new InvalidRequestException("assignee", "is required: who works the task, at most 200 characters");
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            int changed = em.createNativeQuery("update task set assignee = ?1 where id = ?2 and (cast(?3 as text) is null or center_id = ?3)")
                    .setParameter(1, assignee.strip()).setParameter(2, id).setParameter(3, centerId).executeUpdate();
            return changed == 0 ? Optional.<Task>empty() : find(id, null);
        });
    }

    /** Resolves an open task; a resolved one is not resolved again (409 for the caller). */
    public Optional<Task> resolve(UUID id, String centerId, Outcome outcome, String note, String who) {
        if (outcome == null) {
            throw new InvalidRequestException("outcome", "is required: one of " + java.util.Arrays.toString(Outcome.values()));
        }
        if (note != null && note.length() > MAX_NOTE) {
            throw new InvalidRequestException("note", "at most " + MAX_NOTE + " characters");
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("select t.type, t.state, t.invoice_id, i.family_id, t.decision_id, d.ruleset_version, t.center_id "
                            + "from task t left join invoice i on i.center_id = t.center_id and i.external_id = t.invoice_id "
                            + "left join decision_record d on d.id = t.decision_id where t.id = ?1 "
                            + "and (cast(?2 as text) is null or t.center_id = ?2) for update of t")
                    .setParameter(1, id).setParameter(2, centerId).getResultList();
            if (rows.isEmpty()) {
                return Optional.<Task>empty();
            }
            Object[] r = rows.get(0);
            String center = (String) r[6];
            TaskType type = TaskType.valueOf((String) r[0]);
            if ("DONE".equals(r[1])) {
                throw new AlreadyResolved(id);
            }
            if (outcome == Outcome.PLAN_AGREED && type != TaskType.HARDSHIP_REVIEW) {
                throw new InvalidRequestException("outcome", "PLAN_AGREED resolves a HARDSHIP_REVIEW, not a " + type);
            }
            if (outcome == Outcome.DISPUTE_RESOLVED && type != TaskType.DISPUTE_REVIEW) {
                throw new InvalidRequestException("outcome", "DISPUTE_RESOLVED resolves a DISPUTE_REVIEW, not a " + type);
            }
            String invoiceId = (String) r[2];
            String familyId = (String) r[3];
            Instant now = Instant.now();
            em.createNativeQuery("update task set state = 'DONE', resolved_at = ?1, resolved_by = ?2, outcome = ?3, note = ?4 where id = ?5")
                    .setParameter(1, now).setParameter(2, who).setParameter(3, outcome.name()).setParameter(4, note).setParameter(5, id)
                    .executeUpdate();
            if (outcome == Outcome.PLAN_AGREED) {
                changeFlag(center, invoiceId, familyId, FamilyFlag.PAYMENT_PLAN_ACTIVE, true, who, id);
            } else if (outcome == Outcome.DISPUTE_RESOLVED) {
                changeFlag(center, invoiceId, familyId, FamilyFlag.DISPUTE_OPEN, false, who, id);
            }
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("taskId", id.toString());
            data.put("taskType", type.name());
            data.put("outcome", outcome.name());
            events.record(new EventLog.Draft("task.resolved", now, center, invoiceId, familyId, (UUID) r[4], (String) r[5], data,
                    "task:" + id + ":resolved"));
            return find(id, center);
        });
    }

    /** Sets or clears a family flag as a resolution says, with an audit entry. */
    private void changeFlag(String centerId, String invoiceId, String familyId, FamilyFlag flag, boolean set, String who, UUID taskId) {
        StoredFamily family = familyId == null ? null : StoredFamily.<StoredFamily>find("centerId = ?1 and externalId = ?2", centerId, familyId)
                .firstResult();
        if (family == null) {
            return;
        }
        List<FamilyFlag> flags = new ArrayList<>(JsonColumns.read(mapper, family.flags, new TypeReference<List<FamilyFlag>>() { }));
        boolean changed = set ? !flags.contains(flag) && flags.add(flag) : flags.remove(flag);
        if (!changed) {
            return;
        }
        family.flags = JsonColumns.write(mapper, flags);
        family.updatedAt = Instant.now();
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("flag", flag.name());
        detail.put("taskId", taskId.toString());
        em.createNativeQuery("insert into audit_entry (id, center_id, invoice_id, family_id, who, what, detail) values (?1, ?2, ?3, ?4, ?5, ?6, cast(?7 as jsonb))")
                .setParameter(1, UUID.randomUUID()).setParameter(2, centerId).setParameter(3, invoiceId).setParameter(4, familyId)
                .setParameter(5, who).setParameter(6, set ? "FLAG_SET" : "FLAG_CLEARED").setParameter(7, JsonColumns.write(mapper, detail))
                .executeUpdate();
    }

    @SuppressWarnings("unchecked")
    private Optional<Task> find(UUID id, String centerId) {
        return ((List<Object[]>) em.createNativeQuery("select t.id, t.type, t.reason, t.invoice_id, i.family_id, t.decision_id, t.state, "
                        + "t.assignee, coalesce(d.as_of, t.created_at), t.resolved_at, t.outcome, t.note from task t "
                        + "left join decision_record d on d.id = t.decision_id "
                        + "left join invoice i on i.center_id = t.center_id and i.external_id = t.invoice_id where t.id = ?1 "
                        + "and (cast(?2 as text) is null or t.center_id = ?2)")
                .setParameter(1, id).setParameter(2, centerId).getResultList()).stream().findFirst().map(TaskQueue::task);
    }

    private static Task task(Object[] r) {
        return new Task((UUID) r[0], (String) r[1], (String) r[2], (String) r[3], (String) r[4], (UUID) r[5], State.valueOf((String) r[6]),
                (String) r[7], Timestamps.instant(r[8]), Timestamps.instant(r[9]), r[10] == null ? null : Outcome.valueOf((String) r[10]),
                (String) r[11]);
    }

    /** A task that was resolved already. */
    public static final class AlreadyResolved extends RuntimeException {
        public AlreadyResolved(UUID id) {
            super("task " + id + " is resolved already");
        }
    }
}
