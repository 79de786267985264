package app.dunwell.api;

import app.dunwell.decision.InvalidRequestException;
import app.dunwell.ingest.AuthConfig;
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

/** {@code GET /api/v1/invoices/{id}/timeline?centerId=…}: what happened to an invoice and why. */
@Path("/api/v1/invoices/{id}/timeline")
@Produces(MediaType.APPLICATION_JSON)
public class TimelineResource {
    private final InvoiceTimeline timeline;
    private final AuthConfig auth;

    public TimelineResource(InvoiceTimeline timeline, AuthConfig auth) {
        this.timeline = timeline;
        this.auth = auth;
    }

    @GET
    @Operation(summary = "Decisions with their traces, status changes, reminders, contacts, replies and tasks of one invoice, in order")
    public Response of(@HeaderParam("Authorization") String authorization, @PathParam("id") String invoiceId,
                       @QueryParam("centerId") String centerId) {
        BootstrapKey.require(authorization, auth);
        if (centerId == null || centerId.isBlank()) {
            throw new InvalidRequestException("centerId", "is required");
        }
        return Response.ok(timeline.of(centerId, invoiceId)).build();
    }
}
