package app.dunwell.api;

import app.dunwell.decision.InvalidRequestException;
import app.dunwell.access.Access;
import app.dunwell.access.Caller;
import app.dunwell.access.Role;
import app.dunwell.state.Center;
import app.dunwell.run.EvaluationRuns;
import app.dunwell.run.RunProgress;
import app.dunwell.run.RunStatus;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.time.Instant;
import java.util.UUID;

/** {@code POST /api/v1/runs} starts an evaluation run over a center's open invoices; {@code GET /api/v1/runs/{id}} follows it. */
@Path("/api/v1/runs")
@Produces(MediaType.APPLICATION_JSON)
public class RunsResource {
    private final EvaluationRuns runs;
    private final RunProgress progress;
    private final ManagedExecutor executor;
    private final Access access;
    private final ObjectMapper mapper;

    public RunsResource(EvaluationRuns runs, RunProgress progress, ManagedExecutor executor, Access access, ObjectMapper mapper) {
        this.runs = runs;
        this.progress = progress;
        this.executor = executor;
        this.access = access;
        this.mapper = mapper;
    }

    /** {@code centerId}: only with the bootstrap key (a center's key runs its own center). {@code runKey}: runs with the
     * same key are one run (default: a new run each time). An analyst may start dry runs only. */
    public record StartRun(String centerId, Instant asOf, Boolean dryRun, String runKey) {
    }

    @POST
    @Operation(summary = "Start (or join, with the same runKey) an evaluation run; answers 202 with the run to follow")
    public Response start(@HeaderParam("Authorization") String authorization, byte[] body) {
        Caller caller = access.caller(authorization);
        StartRun request = JsonBodies.read(mapper, body, StartRun.class);
        boolean dryRun = Boolean.TRUE.equals(request.dryRun());
        if (dryRun) {
            caller.require(Role.INTEGRATION, Role.ANALYST);
        } else {
            caller.require(Role.INTEGRATION);
        }
        app.dunwell.decision.When.check(request.asOf(), "asOf");
        if (request.runKey() != null && (request.runKey().isBlank() || request.runKey().length() > 100)) {
            throw new InvalidRequestException("runKey", "must be 1 to 100 characters");
        }
        String centerId = caller.centerOf(request.centerId(), "centerId");
        if (QuarkusTransaction.requiringNew().call(() -> Center.findById(centerId)) == null) {
            throw new InvalidRequestException("centerId", "is not a known center");
        }
        Instant asOf = request.asOf() == null ? Instant.now() : request.asOf();
        // Runs started by hand have keys of their own ("<center>:manual:<key>"), so they can never take a daily run's key.
        String key = centerId + (dryRun ? ":dry:" : ":manual:") + (request.runKey() == null ? UUID.randomUUID() : request.runKey());
        UUID id = runs.open(centerId, asOf, dryRun, key);
        executor.runAsync(() -> runs.workInParallel(id));
        return Response.accepted(progress.status(id).orElseThrow()).build();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A run's progress: invoices, decided, failed, actions by type")
    public RunStatus status(@HeaderParam("Authorization") String authorization, @PathParam("id") String id) {
        Caller caller = access.caller(authorization);
        UUID uuid = PathIds.uuid(id, "run");
        return progress.status(uuid).filter(run -> caller.sees(run.centerId()))
                .orElseThrow(() -> new NotFoundException("no run " + id));
    }
}
