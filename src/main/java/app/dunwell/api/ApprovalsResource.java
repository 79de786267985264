package app.dunwell.api;

import app.dunwell.decision.InvalidRequestException;
import app.dunwell.ingest.AuthConfig;
import app.dunwell.storage.Timestamps;
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
    private final AuthConfig auth;

    public ApprovalsResource(EntityManager em, AuthConfig auth) {
        this.em = em;
        this.auth = auth;
    }

    public record Waiting(UUID id, String centerId, String invoiceId, String familyId, String kind, String channel, Instant notBefore) {
    }

    @GET
    @Operation(summary = "Reminders waiting for approval, of one center")
    public Response waiting(@HeaderParam("Authorization") String authorization, @QueryParam("centerId") String centerId) {
        BootstrapKey.require(authorization, auth);
        if (centerId == null || centerId.isBlank()) {
            throw new InvalidRequestException("centerId", "is required");
        }
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
        BootstrapKey.require(authorization, auth);
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("id", "is not a reminder id (a UUID)");
        }
        int changed = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "update outbox set state = ?1 where id = ?2 and state = 'AWAITING_APPROVAL'")
                .setParameter(1, state).setParameter(2, uuid).executeUpdate());
        if (changed == 0) {
            throw new NotFoundException("no reminder " + id + " waiting for approval");
        }
        return Response.ok(Map.of("id", uuid, "state", state)).build();
    }
}
