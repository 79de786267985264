package app.dunwell.api;

import app.dunwell.access.Access;
import app.dunwell.access.Caller;
import app.dunwell.access.Role;
import app.dunwell.decision.Decision;
import app.dunwell.decision.DecisionRequest;
import app.dunwell.ruleset.CompiledRuleset;
import app.dunwell.ruleset.DecisionReplay;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.ws.rs.core.Response;
import app.dunwell.state.DecisionLog;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PathParam;
import java.util.Optional;
import java.util.UUID;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;


/**
 * {@code POST /api/v1/decisions}: what should happen to one invoice now. Deciding changes nothing; the
 * decision is kept in the decision log (request, answer, trace) and can be read back by its id.
 */
@Path("/api/v1/decisions")
public class DecisionResource {
    static final int MAX_BODY_BYTES = 1024 * 1024;

    private final DecisionMaker maker;
    private final DecisionLog log;
    private final Access access;
    private final DecisionReplay replay;

    public DecisionResource(DecisionMaker maker, DecisionLog log, Access access, DecisionReplay replay) {
        this.maker = maker;
        this.log = log;
        this.access = access;
        this.replay = replay;
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
    @APIResponse(responseCode = "401", description = "A key was sent that is unknown or revoked (or keys are required here)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "A center's key sent a request naming another center",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "Body larger than 1 MiB",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "No valid ruleset is loaded",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @NonBlocking
    public Uni<Response> decide(@HeaderParam("Authorization") String authorization, byte[] body) {
        // Without a key nothing needs the database before the answer, so the decision is made on the I/O thread that read
        // the request (no hand-off to a worker and back); a key is looked up in the database, on a worker thread.
        Uni<DecisionMaker.Made> made = authorization == null || authorization.isBlank()
                ? Uni.createFrom().item(() -> decideWithoutKey(body))
                : Uni.createFrom().item(() -> decideWithKey(authorization, body)).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
        // The answer is the JSON the log stores, written once, sent once its row has committed.
        return made.flatMap(maker::answer).map(json -> Response.ok(json, MediaType.APPLICATION_JSON).build());
    }

    private DecisionMaker.Made decideWithoutKey(byte[] body) {
        access.decisionCaller(null);
        checkSize(body);
        CompiledRuleset ruleset = maker.serving();
        return maker.startOnIoThread(maker.tree(body), ruleset);
    }

    private DecisionMaker.Made decideWithKey(String authorization, byte[] body) {
        Optional<Caller> caller = access.decisionCaller(authorization);
        caller.ifPresent(c -> c.require(Role.INTEGRATION, Role.ANALYST));
        checkSize(body);
        CompiledRuleset ruleset = maker.serving();
        return maker.start(caller, maker.tree(body), ruleset);
    }

    private static void checkSize(byte[] body) {
        if (body != null && body.length > MAX_BODY_BYTES) {
            throw new PayloadTooLargeException(MAX_BODY_BYTES);
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
    public DecisionLog.Entry find(@HeaderParam("Authorization") String authorization, @PathParam("id") String id) {
        Caller caller = access.caller(authorization);
        UUID uuid = PathIds.uuid(id, "decision");
        // A center's keys see the decisions of their center made with a key or by a run; anonymous ones only the bootstrap key.
        return log.find(uuid).filter(e -> caller.isBootstrap() || (caller.sees(e.centerId()) && !e.anonymous()))
                .orElseThrow(() -> new NotFoundException("no decision " + id));
    }

    @GET
    @Path("/{id}/replay")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Decide a stored decision again under its own ruleset version and show that it gives the same answer")
    @APIResponse(responseCode = "409", description = "The decision's ruleset version is not in the history",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response replay(@HeaderParam("Authorization") String authorization, @PathParam("id") String id) {
        DecisionLog.Entry entry = find(authorization, id);
        try {
            return Response.ok(replay.replay(entry)).build();
        } catch (DecisionReplay.VersionNotKept e) {
            return Problem.response(409, "version-not-kept", "The decision's ruleset is not in the history", e.getMessage(), null);
        }
    }
}
