package app.dunwell.api;

import app.dunwell.decision.InvalidRequestException;
import app.dunwell.dispatch.KillSwitch;
import app.dunwell.access.Access;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.Map;

/** {@code POST /api/v1/kill-switch}: stop (or resume) all sending for every center; one center: {@code POST /api/v1/centers/{id}/kill-switch}. */
@Path("/api/v1/kill-switch")
@Produces(MediaType.APPLICATION_JSON)
public class KillSwitchResource {
    private final KillSwitch killSwitch;
    private final Access access;
    private final ObjectMapper mapper;

    public KillSwitchResource(KillSwitch killSwitch, Access access, ObjectMapper mapper) {
        this.killSwitch = killSwitch;
        this.access = access;
        this.mapper = mapper;
    }

    /** {@code active: true} stops sending; {@code false} lifts it. */
    public record Switch(Boolean active) {
    }

    @POST
    @Operation(summary = "Stop (or resume) all sending, for every center (bootstrap key only)")
    public Response global(@HeaderParam("Authorization") String authorization, byte[] body) {
        access.caller(authorization).requireBootstrap();
        boolean active = read(mapper, body);
        killSwitch.setGlobal(active);
        return Response.ok(Map.of("scope", "global", "active", active)).build();
    }

    /** Reads {@code {"active": true|false}}. */
    static boolean read(ObjectMapper mapper, byte[] body) {
        Switch request = JsonBodies.read(mapper, body, Switch.class);
        if (request.active() == null) {
            throw new InvalidRequestException("active", "is required (true stops sending, false resumes it)");
        }
        return request.active();
    }
}
