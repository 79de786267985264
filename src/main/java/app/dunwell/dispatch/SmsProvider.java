package app.dunwell.dispatch;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The SMS provider's endpoint ({@code dunwell.dispatch.sms-url}): a JSON POST of {@code {to, body, invoiceId}}. The
 * {@code Idempotency-Key} is the outbox row's id, so a retry after a lost answer is the same message to the provider.
 */
public interface SmsProvider {
    record Sms(String to, String body, String invoiceId) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    Response send(@HeaderParam("Idempotency-Key") String idempotencyKey, Sms sms);
}
