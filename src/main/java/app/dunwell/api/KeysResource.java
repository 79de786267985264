package app.dunwell.api;

import app.dunwell.access.Access;
import app.dunwell.access.ApiKeys;
import app.dunwell.access.Caller;
import app.dunwell.access.Role;
import app.dunwell.decision.InvalidRequestException;
import app.dunwell.ingest.CenterSetup;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.List;
import java.util.Set;
import java.util.UUID;

/** A center's API keys, managed by its admins: issue (the key is shown once), list, revoke. */
@Path("/api/v1/keys")
@Produces(MediaType.APPLICATION_JSON)
public class KeysResource {
    private final ApiKeys keys;
    private final CenterSetup centers;
    private final Access access;
    private final ObjectMapper mapper;

    public KeysResource(ApiKeys keys, CenterSetup centers, Access access, ObjectMapper mapper) {
        this.keys = keys;
        this.centers = centers;
        this.access = access;
        this.mapper = mapper;
    }

    /** {@code centerId} only with the bootstrap key; a center's admin issues keys of its own center. The bootstrap key
     * issues installation keys ({@code roles: ["policy-author"]}, no {@code centerId}). */
    public record NewKey(String name, Set<Role> roles, String centerId) {
    }

    @POST
    @Operation(summary = "Issue a key with roles (integration, analyst, approver, admin); the key is in this answer only")
    public Response issue(@HeaderParam("Authorization") String authorization, byte[] body) {
        Caller caller = access.caller(authorization).require(Role.ADMIN);
        NewKey request = JsonBodies.read(mapper, body, NewKey.class);
        ApiKeys.check(request.name(), request.roles());
        boolean installation = request.roles() != null && request.roles().contains(Role.POLICY_AUTHOR);
        if (installation && !caller.isBootstrap()) {
            throw new Caller.Forbidden("only the bootstrap key issues policy-author keys: rule files are the whole installation's policy");
        }
        String centerId = installation && request.centerId() == null ? null : knownCenter(caller.centerOf(request.centerId(), "centerId"));
        return Response.status(201).entity(keys.issue(centerId, request.name(), request.roles())).build();
    }

    @GET
    @Operation(summary = "The center's keys, revoked ones included, without the keys themselves (the bootstrap key without "
            + "centerId: the installation's keys)")
    public List<ApiKeys.KeyInfo> list(@HeaderParam("Authorization") String authorization, @QueryParam("centerId") String requested) {
        Caller caller = access.caller(authorization).require(Role.ADMIN);
        return keys.of(caller.scopeOf(requested, "centerId").orElse(null));
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Revoke a key: it is refused from the next request on")
    public Response revoke(@HeaderParam("Authorization") String authorization, @PathParam("id") String id) {
        Caller caller = access.caller(authorization).require(Role.ADMIN);
        UUID uuid = PathIds.uuid(id, "key");
        if (!keys.revoke(uuid, caller.centerId())) {
            throw new NotFoundException("no key " + id);
        }
        return Response.noContent().build();
    }

    private String knownCenter(String centerId) {
        if (centers.find(centerId).isEmpty()) {
            throw new InvalidRequestException("centerId", "is not a known center");
        }
        return centerId;
    }
}
