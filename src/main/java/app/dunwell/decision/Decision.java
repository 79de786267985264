package app.dunwell.decision;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/** The answer for one invoice at one moment: what should happen now or later, and why. */
@Schema(description = "What should happen to one invoice at one moment")
public record Decision(
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Schema(description = "Id of the stored decision (GET /api/v1/decisions/{id}); absent when it could not be stored")
        java.util.UUID decisionId,
        String invoiceId,
        Instant asOf,
        @Schema(description = "Content hash of the ruleset that decided", example = "sha256:4f1c...") String rulesetVersion,
        @JsonInclude(JsonInclude.Include.ALWAYS)
        @Schema(nullable = true, description = "null when the status does not change") StatusChange status,
        List<Action> actions,
        List<Suppression> suppressed,
        List<TraceEntry> trace) {

    public Decision withId(java.util.UUID id) {
        return new Decision(id, invoiceId, asOf, rulesetVersion, status, actions, suppressed, trace);
    }

    public record StatusChange(InvoiceStatus from, InvoiceStatus to) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Suppression(ReminderKind kind, Channel channel, SuppressionReason reason) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TraceEntry(String rule, String source, String detail) {
    }
}
