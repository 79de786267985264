package app.dunwell.state;

import app.dunwell.decision.Decision;
import app.dunwell.state.JsonColumns;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Keeps every decision with its full request snapshot, for lookup, replay and impact previews. */
@ApplicationScoped
public class DecisionLog {
    private final ObjectMapper mapper;
    private final DecisionWriter writer;

    public DecisionLog(ObjectMapper mapper, DecisionWriter writer) {
        this.mapper = mapper;
        this.writer = writer;
    }

    /** A stored decision: the request as received, the answer as sent; {@code anonymous} when it was asked for without a key. */
    public record Entry(UUID id, String centerId, boolean anonymous, Instant createdAt, String rulesetVersion, JsonNode request,
                        JsonNode answer) {
    }

    /** Stores a decision of {@code centerId}; {@code anonymous} when no key vouched for that center. */
    @Transactional
    public UUID store(JsonNode request, Decision decision, String centerId, boolean anonymous) {
        DecisionRecord record = new DecisionRecord();
        record.id = UUID.randomUUID();
        record.invoiceId = decision.invoiceId();
        record.centerId = centerId;
        record.anonymous = anonymous;
        record.asOf = decision.asOf();
        record.rulesetVersion = decision.rulesetVersion();
        record.request = JsonColumns.write(mapper, request);
        record.answer = JsonColumns.write(mapper, decision.withId(record.id));
        record.createdAt = Instant.now();
        record.persist();
        return record.id;
    }

    /**
     * Stores a row in the writer's next batch (outside any transaction of the caller's): the future gives its id once it
     * has committed. Throws {@link DecisionWriter.Busy} when the writer does not keep up (after waiting for room when
     * {@code mayWait}).
     */
    public java.util.concurrent.CompletableFuture<UUID> storeBatched(DecisionWriter.Row row, boolean mayWait) {
        return writer.write(row, mayWait);
    }

    /**
     * A decision as a row of the log, its JSON written: its id is chosen now, and the answer kept is the decision with
     * that id, the very text an endpoint sends back once the row has committed.
     */
    public DecisionWriter.Row row(Object request, Decision decision, String centerId, boolean anonymous) {
        UUID id = UUID.randomUUID();
        return new DecisionWriter.Row(id, decision.invoiceId(), centerId, anonymous, decision.asOf(),
                decision.rulesetVersion(), JsonColumns.write(mapper, request), JsonColumns.write(mapper, decision.withId(id)),
                Instant.now());
    }

    /** Stores rows in the caller's transaction, with one batched insert (a run's batch). */
    public void storeAll(jakarta.persistence.EntityManager em, List<DecisionWriter.Row> rows) {
        if (!rows.isEmpty()) {
            em.unwrap(org.hibernate.Session.class).doWork(connection -> DecisionWriter.insert(connection, rows));
        }
    }

    @Transactional
    public Optional<Entry> find(UUID id) {
        return DecisionRecord.<DecisionRecord>findByIdOptional(id).map(this::entry);
    }

    /**
     * Decisions made in [from, to), oldest first, at most {@code limit}: of every center when {@code centerId} is null,
     * otherwise of that center, and only those its keys or runs made, not anonymous requests naming it.
     */
    @Transactional
    public List<Entry> madeBetween(Instant from, Instant to, String centerId, int limit) {
        var query = centerId == null
                ? DecisionRecord.<DecisionRecord>find("createdAt >= ?1 and createdAt < ?2 order by createdAt", from, to)
                : DecisionRecord.<DecisionRecord>find("createdAt >= ?1 and createdAt < ?2 and centerId = ?3 and anonymous = false "
                + "order by createdAt", from, to, centerId);
        return query.page(0, limit).list().stream().map(this::entry).toList();
    }

    private Entry entry(DecisionRecord r) {
        try {
            return new Entry(r.id, r.centerId, r.anonymous, r.createdAt, r.rulesetVersion, mapper.readTree(r.request), mapper.readTree(r.answer));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored decision " + r.id + " is not JSON", e);
        }
    }

}
