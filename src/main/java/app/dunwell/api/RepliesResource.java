package app.dunwell.api;

import app.dunwell.access.Access;
import app.dunwell.decision.InvalidRequestException;
import app.dunwell.messaging.ReplyClassification;
import app.dunwell.messaging.ReplyClassifier;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;

import java.time.Instant;
import java.time.ZoneId;

/** {@code POST /api/v1/replies/classify}: how a family's reply reads, and the day a promise names. */
@Path("/api/v1/replies/classify")
@Produces(MediaType.APPLICATION_JSON)
public class RepliesResource {
    static final int MAX_TEXT = 5000;

    private final ReplyClassifier classifier;
    private final ObjectMapper mapper;
    private final Access access;

    public RepliesResource(ReplyClassifier classifier, ObjectMapper mapper, Access access) {
        this.classifier = classifier;
        this.mapper = mapper;
        this.access = access;
    }

    public record ClassifyRequest(String text, Instant receivedAt,
                                  @Schema(implementation = String.class, example = "America/New_York") ZoneId timezone) {
    }

    @POST
    @Operation(summary = "Classify a reply into one of the eight sentiments; resolve the day a promise to pay names")
    @RequestBody(content = @Content(schema = @Schema(implementation = ClassifyRequest.class)))
    public ReplyClassification classify(@HeaderParam("Authorization") String authorization, byte[] body) {
        access.caller(authorization);
        ClassifyRequest request = JsonBodies.read(mapper, body, ClassifyRequest.class);
        if (request.text() == null || request.text().isBlank()) {
            throw new InvalidRequestException("text", "is required");
        }
        if (request.text().length() > MAX_TEXT) {
            throw new InvalidRequestException("text", "at most " + MAX_TEXT + " characters");
        }
        app.dunwell.decision.When.check(request.receivedAt(), "receivedAt");
        ZoneId zone = request.timezone() == null ? ZoneId.of("UTC") : request.timezone();
        Instant received = request.receivedAt() == null ? Instant.now() : request.receivedAt();
        return classifier.classify(request.text(), received.atZone(zone).toLocalDate());
    }
}
