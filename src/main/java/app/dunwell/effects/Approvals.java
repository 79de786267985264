package app.dunwell.effects;

import app.dunwell.state.Center;
import app.dunwell.state.JsonColumns;
import app.dunwell.state.StoredInvoice;
import app.dunwell.state.Timestamps;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What waits for a person: reminders of the outbox and effects that write to the billing platform, each shown with the
 * decision's trace (why). Approved, a reminder goes out at its {@code notBefore} and an effect is carried out at once,
 * with its event; rejected, nothing happens, and the same effect is not proposed for that invoice again.
 */
@ApplicationScoped
public class Approvals {
    private final EntityManager em;
    private final ObjectMapper mapper;
    private final EffectsWriter effects;

    public Approvals(EntityManager em, ObjectMapper mapper, EffectsWriter effects) {
        this.em = em;
        this.mapper = mapper;
        this.effects = effects;
    }

    /** One thing waiting: a reminder or an effect, what it would do, and why the decision proposed it. */
    public record Waiting(UUID id, String kind, String type, String centerId, String invoiceId, String familyId, BigDecimal balance,
                          Map<String, Object> proposed, UUID decisionId, JsonNode why, Instant createdAt) {
    }

    /** What a person decided. */
    public record Outcome(UUID id, String kind, String state) {
    }

    /** Everything of the center that waits, oldest first. */
    @SuppressWarnings("unchecked")
    public List<Waiting> waiting(String centerId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<Waiting> all = new ArrayList<>();
            for (Object[] r : (List<Object[]>) em.createNativeQuery("select o.id, o.invoice_id, o.family_id, o.kind, o.channel, o.not_before, "
                    + "o.days_before, o.decision_id, cast(d.answer -> 'trace' as text), o.created_at, i.balance from outbox o "
                    + "left join decision_record d on d.id = o.decision_id "
                    + "left join invoice i on i.center_id = o.center_id and i.external_id = o.invoice_id "
                    + "where o.center_id = ?1 and o.state = 'AWAITING_APPROVAL'").setParameter(1, centerId).getResultList()) {
                Map<String, Object> proposed = new java.util.LinkedHashMap<>();
                proposed.put("kind", r[3]);
                proposed.put("channel", r[4]);
                proposed.put("notBefore", Timestamps.instant(r[5]).toString());
                if (((Number) r[6]).intValue() >= 0) {
                    proposed.put("daysBefore", ((Number) r[6]).intValue());
                }
                all.add(new Waiting((UUID) r[0], "REMINDER", "SEND_REMINDER", centerId, (String) r[1], (String) r[2], (BigDecimal) r[10],
                        proposed, (UUID) r[7], JsonColumns.tree(mapper, (String) r[8], "[]"), Timestamps.instant(r[9])));
            }
            for (Object[] r : (List<Object[]>) em.createNativeQuery("select p.id, p.invoice_id, p.family_id, p.type, cast(p.payload as text), "
                    + "p.decision_id, cast(d.answer -> 'trace' as text), p.created_at, p.balance from pending_effect p "
                    + "left join decision_record d on d.id = p.decision_id "
                    + "where p.center_id = ?1 and p.state = 'AWAITING_APPROVAL'").setParameter(1, centerId).getResultList()) {
                Map<String, Object> proposed = JsonColumns.read(mapper, (String) r[4], new TypeReference<Map<String, Object>>() { });
                proposed.remove("rulesetVersion");
                all.add(new Waiting((UUID) r[0], "EFFECT", (String) r[3], centerId, (String) r[1], (String) r[2], (BigDecimal) r[8],
                        proposed, (UUID) r[5], JsonColumns.tree(mapper, (String) r[6], "[]"), Timestamps.instant(r[7])));
            }
            all.sort(Comparator.comparing(Waiting::createdAt));
            return all;
        });
    }

    /** Approves what waits (of {@code centerId}, of any center when null); empty when nothing with that id waits. */
    public Optional<Outcome> approve(UUID id, String centerId, String by) {
        return decide(id, centerId, by, true);
    }

    public Optional<Outcome> reject(UUID id, String centerId, String by) {
        return decide(id, centerId, by, false);
    }

    private Optional<Outcome> decide(UUID id, String centerId, String by, boolean approved) {
        return QuarkusTransaction.requiringNew().call(() -> {
            int reminder = em.createNativeQuery("update outbox set state = ?1 where id = ?2 and state = 'AWAITING_APPROVAL' "
                            + "and (cast(?3 as text) is null or center_id = ?3)")
                    .setParameter(1, approved ? "PENDING" : "REJECTED").setParameter(2, id).setParameter(3, centerId).executeUpdate();
            if (reminder == 1) {
                return Optional.of(new Outcome(id, "REMINDER", approved ? "PENDING" : "REJECTED"));
            }
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("select center_id, invoice_id, type, cast(payload as text), decision_id from pending_effect "
                            + "where id = ?1 and state = 'AWAITING_APPROVAL' and (cast(?2 as text) is null or center_id = ?2) for update")
                    .setParameter(1, id).setParameter(2, centerId).getResultList();
            if (rows.isEmpty()) {
                return Optional.<Outcome>empty();
            }
            Object[] r = rows.get(0);
            String state = "REJECTED";
            if (approved) {
                Center center = Center.findById(r[0]);
                StoredInvoice invoice = StoredInvoice.<StoredInvoice>find("centerId = ?1 and externalId = ?2", r[0], r[1])
                        .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
                Map<String, Object> payload = JsonColumns.read(mapper, (String) r[3], new TypeReference<Map<String, Object>>() { });
                String version = (String) payload.remove("rulesetVersion");
                boolean applied = invoice != null && effects.applyNow(center, invoice, (String) r[2], payload,
                        new EffectsWriter.Origin((UUID) r[4], version, Instant.now()));
                state = applied ? "APPLIED" : "OUTDATED";
            }
            em.createNativeQuery("update pending_effect set state = ?1, decided_at = now(), decided_by = ?2 where id = ?3")
                    .setParameter(1, state).setParameter(2, by).setParameter(3, id).executeUpdate();
            return Optional.of(new Outcome(id, "EFFECT", state));
        });
    }
}
