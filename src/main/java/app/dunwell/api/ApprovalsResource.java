package app.dunwell.api;

import app.dunwell.access.Access;
import app.dunwell.access.Caller;
import app.dunwell.access.Role;
import app.dunwell.effects.Approvals;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.List;
import java.util.UUID;

/**
 * People in the loop: what waits for approval (reminders, and effects that write to the billing platform: fees, waivers,
 * plan offers, comments, moves to COLLECTIONS and CANCELLED) with the decision's trace, approved or rejected here.
 */
@Path("/api/v1/approvals")
@Produces(MediaType.APPLICATION_JSON)
public class ApprovalsResource {
    private final Approvals approvals;
    private final Access access;

    public ApprovalsResource(Approvals approvals, Access access) {
        this.approvals = approvals;
        this.access = access;
    }

    @GET
    @Operation(summary = "What waits for approval in the key's center (the bootstrap key names it: ?centerId=), with why")
    public List<Approvals.Waiting> waiting(@HeaderParam("Authorization") String authorization, @QueryParam("centerId") String requested) {
        String centerId = access.caller(authorization).require(Role.APPROVER).centerOf(requested, "centerId");
        return approvals.waiting(centerId);
    }

    @POST
    @Path("/{id}/approve")
    @Operation(summary = "Approve: a reminder goes out at its notBefore, an effect is carried out now and becomes an event")
    public Approvals.Outcome approve(@HeaderParam("Authorization") String authorization, @PathParam("id") String id) {
        Caller caller = access.caller(authorization).require(Role.APPROVER);
        return approvals.approve(PathIds.uuid(id, "approval"), caller.centerId(), caller.who())
                .orElseThrow(() -> new NotFoundException("nothing with id " + id + " waits for approval"));
    }

    @POST
    @Path("/{id}/reject")
    @Operation(summary = "Reject: nothing is sent or changed, and the same effect is not proposed again")
    public Approvals.Outcome reject(@HeaderParam("Authorization") String authorization, @PathParam("id") String id) {
        Caller caller = access.caller(authorization).require(Role.APPROVER);
        return approvals.reject(PathIds.uuid(id, "approval"), caller.centerId(), caller.who())
                .orElseThrow(() -> new NotFoundException("nothing with id " + id + " waits for approval"));
    }

}
