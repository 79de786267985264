package app.dunwell.api;

import app.dunwell.access.Access;
import app.dunwell.access.Caller;
import app.dunwell.access.Role;
import app.dunwell.state.Timestamps;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.persistence.EntityManager;
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

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** People in the loop: reminders of an APPROVAL center wait here until approved (then sent) or rejected. */
@Path("/api/v1/approvals")
@Produces(MediaType.APPLICATION_JSON)
public class ApprovalsResource {
    private final EntityManager em;
    private final Access access;

    public ApprovalsResource(EntityManager em, Access access) {
        this.em = em;
        this.access = access;
    }

    public record Waiting(UUID id, String centerId, String invoiceId, String familyId, String kind, String channel, Instant notBefore) {
    }

    @GET
    @Operation(summary = "Reminders waiting for approval, of the key's center (the bootstrap key names it: ?centerId=)")
    public Response waiting(@HeaderParam("Authorization") String authorization, @QueryParam("centerId") String requested) {
        String centerId = access.caller(authorization).require(Role.APPROVER).centerOf(requested, "centerId");
        @SuppressWarnings("unchecked")
        List<Object[]> rows = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "select id, center_id, invoice_id, family_id, kind, channel, not_before from outbox "
                        + "where center_id = ?1 and state = 'AWAITING_APPROVAL' order by not_before").setParameter(1, centerId).getResultList());
        return Response.ok(rows.stream().map(r -> new Waiting((UUID) r[0], (String) r[1], (String) r[2], (String) r[3], (String) r[4],
                (String) r[5], Timestamps.instant(r[6]))).toList()).build();
    }

    @POST
    @Path("/{id}/approve")
    @Operation(summary = "Approve a waiting reminder: it goes out at its notBefore")
    public Response approve(@HeaderParam("Authorization") String authorization, @PathParam("id") String id) {
        return decide(authorization, id, "PENDING");
    }

    @POST
    @Path("/{id}/reject")
    @Operation(summary = "Reject a waiting reminder: it is never sent")
    public Response reject(@HeaderParam("Authorization") String authorization, @PathParam("id") String id) {
        return decide(authorization, id, "REJECTED");
    }

    private Response decide(String authorization, String id, String state) {
        Caller caller = access.caller(authorization).require(Role.APPROVER);
        UUID uuid = PathIds.uuid(id, "reminder");
        // A center's key changes only its own center's reminders; another center's are "not found".
        int changed = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "update outbox set state = ?1 where id = ?2 and state = 'AWAITING_APPROVAL' and (cast(?3 as text) is null or center_id = ?3)")
                .setParameter(1, state).setParameter(2, uuid).setParameter(3, caller.centerId()).executeUpdate());
        if (changed == 0) {
            throw new NotFoundException("no reminder " + id + " waiting for approval");
        }
        return Response.ok(Map.of("id", uuid, "state", state)).build();
    }
}
