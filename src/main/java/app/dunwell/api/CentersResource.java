package app.dunwell.api;

import app.dunwell.ingest.AuthConfig;
import app.dunwell.ingest.CenterSetup;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.Map;


/** {@code POST /api/v1/centers}: set up a center (bootstrap key only); the answer carries its webhook secret, once. */
@Path("/api/v1/centers")
@Produces(MediaType.APPLICATION_JSON)
public class CentersResource {
    private final CenterSetup setup;
    private final app.dunwell.dispatch.KillSwitch killSwitch;
    private final AuthConfig auth;
    private final ObjectMapper mapper;

    public CentersResource(CenterSetup setup, AuthConfig auth, ObjectMapper mapper, app.dunwell.dispatch.KillSwitch killSwitch) {
        this.killSwitch = killSwitch;
        this.setup = setup;
        this.auth = auth;
        this.mapper = mapper;
    }

    @POST
    @Operation(summary = "Create a center with its time zone, closures, settings and mode; returns its webhook secret")
    public Response create(@HeaderParam("Authorization") String authorization, byte[] body) {
        BootstrapKey.require(authorization, auth);
        CenterSetup.NewCenter request = JsonBodies.read(mapper, body, CenterSetup.NewCenter.class);
        try {
            return Response.status(201).entity(setup.create(request)).build();
        } catch (CenterSetup.CenterExistsException e) {
            return Problem.response(409, "center-exists", "The center exists", e.getMessage(), null);
        }
    }

    @POST
    @Path("/{centerId}/kill-switch")
    @Operation(summary = "Stop (or resume) all sending for one center")
    public Response center(@HeaderParam("Authorization") String authorization, @PathParam("centerId") String centerId, byte[] body) {
        BootstrapKey.require(authorization, auth);
        boolean active = KillSwitchResource.read(mapper, body);
        killSwitch.setForCenter(centerId, active);
        return Response.ok(Map.of("scope", centerId, "active", active)).build();
    }
}
