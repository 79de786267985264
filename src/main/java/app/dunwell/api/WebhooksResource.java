package app.dunwell.api;

import app.dunwell.ingest.WebhookIngest;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /api/v1/webhooks/{source}}: events from a billing platform, signed per Standard Webhooks
 * ({@code webhook-id}, {@code webhook-timestamp}, {@code webhook-signature}) with the center's secret.
 */
@Path("/api/v1/webhooks/{source}")
@Produces(MediaType.APPLICATION_JSON)
public class WebhooksResource {
    private final WebhookIngest ingest;

    public WebhooksResource(WebhookIngest ingest) {
        this.ingest = ingest;
    }

    @POST
    @Operation(summary = "Receive a signed billing-platform event (invoice.*, payment.*, family.updated, reply.received)")
    public WebhookIngest.Receipt receive(@PathParam("source") String source, @Context HttpHeaders headers, byte[] body) {
        Map<String, List<String>> lower = new HashMap<>();
        headers.getRequestHeaders().forEach((name, values) -> lower.put(name.toLowerCase(java.util.Locale.ROOT), values));
        return ingest.receive(source, lower, body);
    }
}
