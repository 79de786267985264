package app.dunwell.dispatch;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The in-app message endpoint ({@code dunwell.dispatch.in-app-url}): a JSON POST of {@code {familyId, subject, body,
 * invoiceId}}. The {@code Idempotency-Key} is the outbox row's id, so a retry after a lost answer is the same message.
 */
public interface InAppProvider {
    record InAppMessage(String familyId, String subject, String body, String invoiceId) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    Response send(@HeaderParam("Idempotency-Key") String idempotencyKey, InAppMessage message);
}
