package app.dunwell.tasks;

import app.dunwell.decision.InvalidRequestException;
import app.dunwell.decision.Sentiment;
import app.dunwell.decision.When;
import app.dunwell.state.JsonColumns;
import app.dunwell.state.Timestamps;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A person's reading of a family's reply: it wins over the classifier's (the next decision acts on it, as a sure reading),
 * resolves the reply's open review, is kept in the audit, and is exported as labelled replies to train the classifier on.
 */
@ApplicationScoped
public class ReplyLabels {
    private final EntityManager em;
    private final ObjectMapper mapper;
    private final TaskQueue tasks;

    public ReplyLabels(EntityManager em, ObjectMapper mapper, TaskQueue tasks) {
        this.em = em;
        this.mapper = mapper;
        this.tasks = tasks;
    }

    public record Labelled(UUID id, String invoiceId, String familyId, Sentiment classified, Sentiment label, LocalDate promisedOn,
                           Instant labelledAt) {
    }

    /** Labels a reply of the center (of any center when null); empty when there is no such reply. */
    @SuppressWarnings("unchecked")
    public Optional<Labelled> label(UUID id, String centerId, Sentiment sentiment, LocalDate promisedOn, String who) {
        if (sentiment == null) {
            throw new InvalidRequestException("sentiment", "is required: how the reply reads");
        }
        When.check(promisedOn, "promisedOn");
        if (promisedOn != null && sentiment != Sentiment.PROMISE_TO_PAY) {
            throw new InvalidRequestException("promisedOn", "goes with PROMISE_TO_PAY only");
        }
        Optional<Object[]> row = QuarkusTransaction.requiringNew().call(() -> {
            List<Object[]> rows = em.createNativeQuery("select center_id, invoice_id, family_id, sentiment from reply where id = ?1 "
                    + "and (cast(?2 as text) is null or center_id = ?2) for update").setParameter(1, id).setParameter(2, centerId).getResultList();
            if (rows.isEmpty()) {
                return Optional.<Object[]>empty();
            }
            Object[] r = rows.get(0);
            Instant now = Instant.now();
            em.createNativeQuery("update reply set label_sentiment = ?1, label_promised_on = ?2, labelled_at = ?3, labelled_by = ?4 where id = ?5")
                    .setParameter(1, sentiment.name()).setParameter(2, promisedOn).setParameter(3, now).setParameter(4, who)
                    .setParameter(5, id).executeUpdate();
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("replyId", id.toString());
            detail.put("classified", r[3]);
            detail.put("label", sentiment.name());
            detail.put("promisedOn", promisedOn == null ? null : promisedOn.toString());
            em.createNativeQuery("insert into audit_entry (id, center_id, invoice_id, family_id, who, what, detail) "
                            + "values (?1, ?2, ?3, ?4, ?5, 'REPLY_LABELLED', cast(?6 as jsonb))")
                    .setParameter(1, UUID.randomUUID()).setParameter(2, r[0]).setParameter(3, r[1]).setParameter(4, r[2])
                    .setParameter(5, who).setParameter(6, JsonColumns.write(mapper, detail)).executeUpdate();
            return Optional.of(new Object[] {r[0], r[1], r[2], r[3], now});
        });
        if (row.isEmpty()) {
            return Optional.empty();
        }
        Object[] r = row.get();
        // The person read it: the review the unsure reading asked for is done.
        if (r[1] != null) {
            tasks.list((String) r[0], TaskQueue.State.OPEN, app.dunwell.decision.TaskType.REPLY_REVIEW, null).stream()
                    .filter(t -> r[1].equals(t.invoiceId()))
                    .forEach(t -> tasks.resolve(t.id(), (String) r[0], TaskQueue.Outcome.DONE, "labelled " + sentiment, who));
        }
        return Optional.of(new Labelled(id, (String) r[1], (String) r[2], Sentiment.valueOf((String) r[3]), sentiment, promisedOn,
                (Instant) r[4]));
    }

    /** The labelled replies of the center (every center's when null), as the repository's labelled set writes them. */
    @SuppressWarnings("unchecked")
    public List<ObjectNode> export(String centerId) {
        return QuarkusTransaction.requiringNew().call(() -> ((List<Object[]>) em.createNativeQuery("select id, text, label_sentiment, "
                        + "label_promised_on, received_at from reply where label_sentiment is not null "
                        + "and (cast(?1 as text) is null or center_id = ?1) order by labelled_at").setParameter(1, centerId).getResultList())
                .stream().map(r -> {
                    ObjectNode line = mapper.createObjectNode();
                    line.put("id", r[0].toString());
                    line.put("text", (String) r[1]);
                    line.putNull("lang");
                    line.put("sentiment", (String) r[2]);
                    line.put("split", "train");
                    line.put("receivedAt", Timestamps.instant(r[4]).toString());
                    if (r[3] != null) {
                        line.put("promisedOn", r[3].toString());
                    }
                    return line;
                }).toList());
    }
}
