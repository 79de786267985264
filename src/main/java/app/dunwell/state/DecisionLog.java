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

    public DecisionLog(ObjectMapper mapper) {
        this.mapper = mapper;
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
        record.answer = JsonColumns.write(mapper, decision);
        record.createdAt = Instant.now();
        record.persist();
        return record.id;
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
