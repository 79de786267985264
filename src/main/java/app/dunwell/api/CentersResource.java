package app.dunwell.api;

import app.dunwell.access.Access;
import app.dunwell.access.ApiKeys;
import app.dunwell.access.Caller;
import app.dunwell.access.Role;
import app.dunwell.dispatch.KillSwitch;
import app.dunwell.ingest.CenterSetup;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.EnumSet;
import java.util.Map;

/**
 * {@code POST /api/v1/centers} sets up a center (bootstrap key only): the answer carries its webhook secret and a
 * first admin key, once. A center's admin reads and changes it at {@code /api/v1/centers/{id}}.
 */
@Path("/api/v1/centers")
@Produces(MediaType.APPLICATION_JSON)
public class CentersResource {
    private final CenterSetup setup;
    private final ApiKeys keys;
    private final KillSwitch killSwitch;
    private final Access access;
    private final ObjectMapper mapper;

    public CentersResource(CenterSetup setup, ApiKeys keys, KillSwitch killSwitch, Access access, ObjectMapper mapper) {
        this.setup = setup;
        this.keys = keys;
        this.killSwitch = killSwitch;
        this.access = access;
        this.mapper = mapper;
    }

    /** A new center: its webhook secret and its first admin key, shown this once. */
    public record NewCenterAnswer(String id, String name, String timezone, CenterSetup.Mode mode, String webhookSecret,
                                  ApiKeys.IssuedKey adminKey) {
    }

    @POST
    @Operation(summary = "Create a center with its time zone, closures, settings and mode; returns its webhook secret and an admin key")
    public Response create(@HeaderParam("Authorization") String authorization, byte[] body) {
        access.caller(authorization).requireBootstrap();
        CenterSetup.NewCenter request = JsonBodies.read(mapper, body, CenterSetup.NewCenter.class);
        try {
            NewCenterAnswer answer = QuarkusTransaction.requiringNew().call(() -> {
                CenterSetup.CenterView created = setup.create(request);
                return new NewCenterAnswer(created.id(), created.name(), created.timezone(), created.mode(), created.webhookSecret(),
                        keys.issue(created.id(), "first admin key", EnumSet.of(Role.ADMIN)));
            });
            return Response.status(201).entity(answer).build();
        } catch (CenterSetup.CenterExistsException e) {
            return Problem.response(409, "center-exists", "The center exists", e.getMessage(), null);
        }
    }

    @GET
    @Path("/{centerId}")
    @Operation(summary = "A center: time zone, closures, settings, mode (its webhook secret is not shown)")
    public CenterSetup.CenterView read(@HeaderParam("Authorization") String authorization, @PathParam("centerId") String centerId) {
        Caller caller = access.caller(authorization);
        return setup.find(caller.centerOf(centerId, "centerId")).map(CenterSetup.CenterView::withoutSecret)
                .orElseThrow(() -> new NotFoundException("no center " + centerId));
    }

    @PATCH
    @Path("/{centerId}")
    @Operation(summary = "Change a center's name, time zone, closures, settings, mode (SHADOW, APPROVAL, AUTO), eventsUrl, approval or pilot; "
            + "fields left out stay; the answer that first sets eventsUrl carries its eventsSecret, once")
    public CenterSetup.CenterView change(@HeaderParam("Authorization") String authorization, @PathParam("centerId") String centerId,
                                         byte[] body) {
        String center = access.caller(authorization).require(Role.ADMIN).centerOf(centerId, "centerId");
        CenterSetup.CenterChange change = JsonBodies.read(mapper, body, CenterSetup.CenterChange.class);
        return setup.change(center, change).orElseThrow(() -> new NotFoundException("no center " + centerId));
    }

    @POST
    @Path("/{centerId}/events-secret")
    @Operation(summary = "A new secret for the center's events (answered this once); events are signed with it from now on")
    public CenterSetup.CenterView rotateEventsSecret(@HeaderParam("Authorization") String authorization, @PathParam("centerId") String centerId) {
        String center = access.caller(authorization).require(Role.ADMIN).centerOf(centerId, "centerId");
        return setup.rotateEventsSecret(center).orElseThrow(() -> new NotFoundException("no center " + centerId));
    }

    @POST
    @Path("/{centerId}/kill-switch")
    @Operation(summary = "Stop (or resume) all sending for one center")
    public Response killSwitch(@HeaderParam("Authorization") String authorization, @PathParam("centerId") String centerId, byte[] body) {
        String center = access.caller(authorization).require(Role.ADMIN).centerOf(centerId, "centerId");
        boolean active = KillSwitchResource.read(mapper, body);
        killSwitch.setForCenter(center, active);
        return Response.ok(Map.of("scope", center, "active", active)).build();
    }
}
