package app.dunwell.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.UUID;

/**
 * An event as a platform receives it, pushed to its {@code eventsUrl} and in the pull feed:
 * {@code {"id", "type", "occurredAt", "centerId", "invoiceId", "familyId", "decisionId", "rulesetVersion", "source", "data"}}.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Event(UUID id, String type, Instant occurredAt, String centerId, String invoiceId, String familyId, UUID decisionId,
                    String rulesetVersion, String source, JsonNode data) {
    public static final String SOURCE = "Dunwell";
}
