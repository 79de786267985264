package app.dunwell.effects;

import app.dunwell.decision.Action;
import app.dunwell.decision.Decision;
import app.dunwell.events.EventLog;
import app.dunwell.state.Center;
import app.dunwell.state.JsonColumns;
import app.dunwell.state.StoredInvoice;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The one place that turns a decision into effects, in the caller's transaction: the invoice's status and fee, tasks,
 * reminders in the outbox, and an event for each effect carried out. What the center's mode, pilot and approval settings
 * hold back waits for a person ({@link Approvals}); SHADOW changes nothing of the invoice, emits nothing and only drafts
 * reminders.
 */
@ApplicationScoped
public class EffectsWriter {
    private final EntityManager em;
    private final EventLog events;
    private final ObjectMapper mapper;

    public EffectsWriter(EntityManager em, EventLog events, ObjectMapper mapper) {
        this.em = em;
        this.events = events;
        this.mapper = mapper;
    }

    /** A decision's effects on one invoice (locked by the caller), decided by a run or an evaluation as of its {@code asOf}. */
    public void apply(Center center, StoredInvoice invoice, Decision decision, UUID decisionId, UUID runId) {
        applyAll(center, List.of(new Applied(invoice, decision, decisionId)), runId);
    }

    /** An invoice (locked by the caller), its decision and the id the decision is stored under. */
    public record Applied(StoredInvoice invoice, Decision decision, UUID decisionId) {
    }

    /** The effects of a batch of decisions of one center's run: the rows they add are written together at the end. */
    public void applyAll(Center center, List<Applied> applied, UUID runId) {
        EffectRows rows = new EffectRows();
        for (Applied a : applied) {
            apply(center, a.invoice(), a.decision(), a.decisionId(), runId, rows);
        }
        rows.write(em, events);
    }

    private void apply(Center center, StoredInvoice invoice, Decision decision, UUID decisionId, UUID runId, EffectRows rows) {
        CenterGate gate = CenterGate.of(center, invoice.familyId, mapper);
        Origin origin = new Origin(decisionId, decision.rulesetVersion(), decision.asOf());
        if (decision.status() != null && !gate.shadow()) {
            Map<String, Object> move = Map.of("from", decision.status().from().name(), "to", decision.status().to().name());
            effect(center, invoice, gate, "STATUS_TO_" + decision.status().to(), "STATUS_CHANGE", move, origin, rows);
        }
        for (Action action : decision.actions()) {
            switch (action.type()) {
                case CREATE_TASK -> task(center, invoice, action, origin, !gate.shadow(),
                        app.dunwell.tasks.TaskReasons.of(action.taskType(), decision.trace()), rows);
                case SEND_REMINDER -> reminder(center, invoice, action, decisionId, runId, gate, rows);
                default -> {
                    if (!gate.shadow()) {
                        effect(center, invoice, gate, action.type().name(), action.type().name(), actionPayload(action), origin, rows);
                    }
                }
            }
        }
    }

    /** Where an effect comes from: the decision, its ruleset, and the moment it was decided as of. */
    record Origin(UUID decisionId, String rulesetVersion, Instant at) {
    }

    private void effect(Center center, StoredInvoice invoice, CenterGate gate, String kind, String type, Map<String, Object> payload,
                        Origin origin, EffectRows rows) {
        if (gate.needsApproval(kind, invoice.balance)) {
            Map<String, Object> withOrigin = new LinkedHashMap<>(payload);
            withOrigin.put("rulesetVersion", origin.rulesetVersion());
            rows.pendingEffect(center.id, invoice.externalId, invoice.familyId, origin.decisionId(), type, meaning(type, payload),
                    JsonColumns.write(mapper, withOrigin), invoice.balance);
            return;
        }
        applyNow(center, invoice, type, payload, origin, rows);
    }

    /** Carries one effect out now (a run in AUTO mode, or a person's approval), with its event; false when it no longer applies. */
    boolean applyNow(Center center, StoredInvoice invoice, String type, Map<String, Object> payload, Origin origin) {
        EffectRows rows = new EffectRows();
        boolean applied = applyNow(center, invoice, type, payload, origin, rows);
        rows.write(em, events);
        return applied;
    }

    private boolean applyNow(Center center, StoredInvoice invoice, String type, Map<String, Object> payload, Origin origin, EffectRows rows) {
        String eventType;
        Map<String, Object> data = new LinkedHashMap<>();
        switch (type) {
            case "STATUS_CHANGE" -> {
                if (!invoice.status.equals(payload.get("from"))) {
                    return false;
                }
                invoice.status = (String) payload.get("to");
                eventType = "invoice.status_changed";
                data.put("from", payload.get("from"));
                data.put("to", payload.get("to"));
            }
            case "ASSESS_LATE_FEE", "WAIVE_LATE_FEE" -> {
                if (invoice.lateFeeAssessed) {
                    return false;
                }
                invoice.lateFeeAssessed = true;
                eventType = type.equals("ASSESS_LATE_FEE") ? "invoice.late_fee_assessed" : "invoice.late_fee_waived";
                data.put("amount", payload.get("amount"));
                data.put("currency", invoice.currency);
                if (payload.get("reason") != null) {
                    data.put("reason", payload.get("reason"));
                }
            }
            case "OFFER_PAYMENT_PLAN" -> {
                eventType = "invoice.payment_plan_offered";
                data.put("installments", payload.get("installments"));
            }
            case "ADD_COMMENT" -> {
                eventType = "invoice.comment_added";
                data.put("text", payload.get("text"));
            }
            case "PAUSE_AUTOMATION" -> {
                eventType = "invoice.automation_paused";
                data.put("reason", payload.get("reason"));
                data.put("until", payload.get("until"));
            }
            default -> throw new IllegalArgumentException("not an effect: " + type);
        }
        invoice.updatedAt = Instant.now();
        rows.event(new EventLog.Draft(eventType, origin.at(), center.id, invoice.externalId, invoice.familyId, origin.decisionId(),
                origin.rulesetVersion(), data, center.id + ":" + invoice.externalId + ":" + meaning(type, payload)), null);
        return true;
    }

    private void task(Center center, StoredInvoice invoice, Action action, Origin origin, boolean emit, String reason, EffectRows rows) {
        UUID taskId = UUID.randomUUID();
        rows.task(taskId, center.id, invoice.externalId, action.taskType().name(), origin.decisionId(), reason);
        if (emit) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("taskId", taskId.toString());
            data.put("taskType", action.taskType().name());
            data.put("outcome", null);
            rows.event(new EventLog.Draft("task.created", origin.at(), center.id, invoice.externalId, invoice.familyId,
                    origin.decisionId(), origin.rulesetVersion(), data, "task:" + taskId + ":created"), taskId);
        }
    }

    private void reminder(Center center, StoredInvoice invoice, Action action, UUID decisionId, UUID runId, CenterGate gate, EffectRows rows) {
        String state = gate.shadow() ? "DRAFT" : gate.needsApproval("SEND_REMINDER", invoice.balance) ? "AWAITING_APPROVAL" : "PENDING";
        rows.reminder(center.id, invoice.externalId, invoice.familyId, decisionId, runId, action.kind().name(),
                action.daysBefore() == null ? -1 : action.daysBefore(), action.channel().name(), action.notBefore(), state);
    }

    private Map<String, Object> actionPayload(Action action) {
        JsonNode json = mapper.valueToTree(action);
        @SuppressWarnings("unchecked")
        Map<String, Object> payload = mapper.convertValue(json, Map.class);
        payload.remove("type");
        return payload;
    }

    /**
     * What an effect means, once per invoice: one fee (assessed or waived), one transition of the status, one plan, one
     * comment, one pause of a reason until a day. The database keeps events and waiting effects of one meaning unique.
     */
    static String meaning(String type, Map<String, Object> payload) {
        return switch (type) {
            case "STATUS_CHANGE" -> "status:" + payload.get("from") + "->" + payload.get("to");
            case "ASSESS_LATE_FEE", "WAIVE_LATE_FEE" -> "late-fee";
            case "OFFER_PAYMENT_PLAN" -> "plan:" + hash(String.valueOf(payload.get("installments")));
            case "ADD_COMMENT" -> "comment:" + hash(String.valueOf(payload.get("text")));
            case "PAUSE_AUTOMATION" -> "pause:" + payload.get("reason") + ":" + payload.get("until");
            default -> type;
        };
    }

    private static String hash(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
