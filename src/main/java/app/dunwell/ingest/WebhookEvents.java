package app.dunwell.ingest;

import app.dunwell.decision.Channel;
import app.dunwell.decision.DecisionRequest;
import app.dunwell.decision.FamilyFlag;
import app.dunwell.decision.InvoiceStatus;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The webhook payloads Dunwell accepts: {@code {"type": "...", "data": {...}}} with one of these
 * {@code data} shapes. Every event names its center; the signature is checked with that center's secret.
 */
public final class WebhookEvents {
    private WebhookEvents() {
    }

    /** {@code invoice.created}, {@code invoice.updated}, {@code invoice.overdue} (or {@code invoice.past_due}). */
    public record InvoiceData(String centerId, String invoiceId, String familyId, LocalDate issuedOn, LocalDate dueOn,
                              BigDecimal total, BigDecimal balance, String currency, InvoiceStatus status,
                              Boolean statusSetManually, Boolean automationEnabled, Boolean lateFeeAssessed) {
    }

    /** {@code payment.succeeded}, {@code payment.failed}; {@code balance} is the invoice's balance after it, if the platform says. */
    public record PaymentData(String centerId, String paymentId, String invoiceId, BigDecimal amount, LocalDate paidOn,
                              BigDecimal balance) {
    }

    /** {@code family.updated}. */
    public record FamilyData(String centerId, String familyId, String firstName, String lastName, String email, String phone,
                             Channel preferredChannel, List<Channel> optedOut, List<FamilyFlag> flags,
                             List<DecisionRequest.Child> children) {
    }

    /** {@code reply.received}. */
    public record ReplyData(String centerId, String familyId, String invoiceId, String text, Instant receivedAt, Channel channel) {
    }
}
