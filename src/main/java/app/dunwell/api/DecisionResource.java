package app.dunwell.api;

import app.dunwell.decision.Decision;
import app.dunwell.decision.DecisionRequest;
import app.dunwell.decision.DecisionLog;
import app.dunwell.decision.DecisionRequestReader;
import app.dunwell.decision.InvalidRequestException;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PathParam;
import org.jboss.logging.Logger;
import java.util.UUID;
import app.dunwell.ruleset.ActiveRuleset;
import app.dunwell.ruleset.RuleFileError;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.util.stream.Collectors;

/**
 * {@code POST /api/v1/decisions}: what should happen to one invoice now. Deciding changes nothing; the
 * decision is kept in the decision log (request, answer, trace) and can be read back by its id.
 */
@Path("/api/v1/decisions")
public class DecisionResource {
    static final int MAX_BODY_BYTES = 1024 * 1024;

    private static final Logger LOG = Logger.getLogger(DecisionResource.class);

    private final ActiveRuleset rulesets;
    private final DecisionRequestReader reader;
    private final DecisionLog log;

    public DecisionResource(ActiveRuleset rulesets, ObjectMapper mapper, DecisionLog log) {
        this.rulesets = rulesets;
        this.log = log;
        this.reader = new DecisionRequestReader(mapper);
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Decide what should happen to one invoice at one moment",
            description = "Pure evaluation under the active ruleset: the same request and ruleset version give the same answer.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = DecisionRequest.class)))
    @APIResponse(responseCode = "200", description = "The decision",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Decision.class)))
    @APIResponse(responseCode = "400", description = "Not JSON, a required field missing, or a field of the wrong type or value",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "Body larger than 1 MiB",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "No valid ruleset is loaded",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Decision decide(byte[] body) {
        if (body != null && body.length > MAX_BODY_BYTES) {
            throw new PayloadTooLargeException(MAX_BODY_BYTES);
        }
        var ruleset = rulesets.current().orElseThrow(() -> new NoActiveRulesetException(
                rulesets.lastRejection()
                        .map(r -> "the last ruleset was rejected: " + r.errors().stream().map(RuleFileError::toString)
                                .collect(Collectors.joining("; ")))
                        .orElse("no ruleset has been loaded")));
        JsonNode tree = reader.tree(body == null ? new byte[0] : body);
        DecisionRequest request = reader.read(tree);
        Decision decision = ruleset.decide(request);
        try {
            return decision.withId(log.store(tree, decision, request.centerOrDefault().id()));
        } catch (RuntimeException e) {
            LOG.warnf(e, "Decision for %s made but not stored", decision.invoiceId());
            return decision;
        }
    }

    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A stored decision with its request, answer and trace")
    @APIResponse(responseCode = "200", description = "The stored decision",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DecisionLog.Entry.class)))
    @APIResponse(responseCode = "404", description = "No decision with that id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public DecisionLog.Entry find(@PathParam("id") String id) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("id", "is not a decision id (a UUID)");
        }
        return log.find(uuid).orElseThrow(() -> new NotFoundException("no decision " + id));
    }
}
