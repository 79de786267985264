package app.dunwell.api;

import app.dunwell.access.Access;
import app.dunwell.run.InvoiceTimeline;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** {@code GET /api/v1/invoices/{id}/timeline}: what happened to an invoice of the key's center, and why (the bootstrap key adds {@code ?centerId=}). */
@Path("/api/v1/invoices/{id}/timeline")
@Produces(MediaType.APPLICATION_JSON)
public class TimelineResource {
    private final InvoiceTimeline timeline;
    private final Access access;

    public TimelineResource(InvoiceTimeline timeline, Access access) {
        this.timeline = timeline;
        this.access = access;
    }

    @GET
    @Operation(summary = "Decisions with their traces, status changes, reminders, contacts, replies and tasks of one invoice, in order")
    public Response of(@HeaderParam("Authorization") String authorization, @PathParam("id") String invoiceId,
                       @QueryParam("centerId") String requested) {
        String centerId = access.caller(authorization).centerOf(requested, "centerId");
        return Response.ok(timeline.of(centerId, invoiceId)).build();
    }
}
