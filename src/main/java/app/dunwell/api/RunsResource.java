package app.dunwell.api;

import app.dunwell.decision.InvalidRequestException;
import app.dunwell.ingest.AuthConfig;
import app.dunwell.ingest.Center;
import app.dunwell.run.EvaluationRuns;
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
    private final ManagedExecutor executor;
    private final AuthConfig auth;
    private final ObjectMapper mapper;

    public RunsResource(EvaluationRuns runs, ManagedExecutor executor, AuthConfig auth, ObjectMapper mapper) {
        this.runs = runs;
        this.executor = executor;
        this.auth = auth;
        this.mapper = mapper;
    }

    /** {@code runKey}: runs with the same key are one run (default: a new run each time). */
    public record StartRun(String centerId, Instant asOf, Boolean dryRun, String runKey) {
    }

    @POST
    @Operation(summary = "Start (or join, with the same runKey) an evaluation run; answers 202 with the run to follow")
    public Response start(@HeaderParam("Authorization") String authorization, byte[] body) {
        BootstrapKey.require(authorization, auth);
        StartRun request = JsonBodies.read(mapper, body, StartRun.class);
        if (request.centerId() == null || QuarkusTransaction.requiringNew().call(() -> Center.findById(request.centerId())) == null) {
            throw new InvalidRequestException("centerId", "is not a known center");
        }
        Instant asOf = request.asOf() == null ? Instant.now() : request.asOf();
        String key = request.runKey() == null ? "manual:" + UUID.randomUUID() : request.centerId() + ":" + request.runKey();
        UUID id = runs.open(request.centerId(), asOf, Boolean.TRUE.equals(request.dryRun()), key);
        executor.runAsync(() -> runs.work(id));
        return Response.accepted(runs.status(id).orElseThrow()).build();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A run's progress: invoices, decided, failed, actions by type")
    public EvaluationRuns.RunStatus status(@HeaderParam("Authorization") String authorization, @PathParam("id") String id) {
        BootstrapKey.require(authorization, auth);
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("id", "is not a run id (a UUID)");
        }
        return runs.status(uuid).orElseThrow(() -> new NotFoundException("no run " + id));
    }
}
