package app.dunwell.decision;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * What a client asks: one invoice of one family at one moment ({@code asOf}), as described in
 * {@code decision-api.md}. Missing optional parts are read as their defaults through the accessors
 * that say so; the record itself keeps exactly what was sent.
 */
@Schema(description = "One invoice of one family, evaluated at one moment")
public record DecisionRequest(
        @Schema(required = true, description = "The moment of evaluation, with an offset", example = "2026-03-09T15:00:00Z")
        Instant asOf,
        Center center,
        Family family,
        @Schema(required = true) Invoice invoice,
        History history) {

    public Center centerOrDefault() {
        return center == null ? new Center(null, null, null, null) : center;
    }

    public Family familyOrDefault() {
        return family == null ? new Family(null, null, null, null) : family;
    }

    public History historyOrDefault() {
        return history == null ? new History(null, null, null, null) : history;
    }

    @Schema(description = "The center that bills, with its time zone, closures and setting overrides")
    public record Center(
            String id,
            @Schema(implementation = String.class, description = "IANA zone, default UTC", example = "America/New_York")
            ZoneId timezone,
            @Schema(description = "Local dates on which nothing is sent") List<LocalDate> holidays,
            @Schema(implementation = Object.class, description = "Partial override of the policy settings; nested objects merge key by key")
            ObjectNode settings) {

        public ZoneId zone() {
            return timezone == null ? ZoneId.of("UTC") : timezone;
        }

        public List<LocalDate> holidaysOrEmpty() {
            return holidays == null ? List.of() : holidays;
        }
    }

    public record Family(String id, Contact contact, List<Child> children, List<FamilyFlag> flags) {
        public Contact contactOrEmpty() {
            return contact == null ? new Contact(null, null, null, null, null, null) : contact;
        }

        public List<FamilyFlag> flagsOrEmpty() {
            return flags == null ? List.of() : flags;
        }
    }

    public record Contact(String firstName, String lastName, String email, String phone,
                          Channel preferredChannel, List<Channel> optedOut) {
        public List<Channel> optedOutOrEmpty() {
            return optedOut == null ? List.of() : optedOut;
        }
    }

    public record Child(String firstName) {
    }

    public record Invoice(
            @Schema(required = true) String id,
            LocalDate issuedOn,
            @Schema(description = "An invoice without a due date gets no automation") LocalDate dueOn,
            @Schema(implementation = String.class, example = "850.00") BigDecimal total,
            @Schema(required = true, implementation = String.class, example = "850.00") BigDecimal balance,
            String currency,
            @Schema(description = "Default UNPAID") InvoiceStatus status,
            Boolean statusSetManually,
            @Schema(description = "Default: the automationByDefault setting") Boolean automationEnabled,
            Boolean lateFeeAssessed,
            List<Payment> payments) {

        public InvoiceStatus statusOrDefault() {
            return status == null ? InvoiceStatus.UNPAID : status;
        }

        public List<Payment> paymentsOrEmpty() {
            return payments == null ? List.of() : payments;
        }
    }

    public record Payment(LocalDate on, @Schema(implementation = String.class) BigDecimal amount) {
    }

    public record History(List<PastContact> contacts, List<PastTask> tasks,
                          List<PastInvoice> pastInvoices, List<Reply> replies) {
        public List<PastContact> contactsOrEmpty() {
            return contacts == null ? List.of() : contacts;
        }

        public List<PastTask> tasksOrEmpty() {
            return tasks == null ? List.of() : tasks;
        }

        public List<PastInvoice> pastInvoicesOrEmpty() {
            return pastInvoices == null ? List.of() : pastInvoices;
        }

        public List<Reply> repliesOrEmpty() {
            return replies == null ? List.of() : replies;
        }
    }

    public record PastContact(Instant at, Channel channel, String invoiceId, ReminderKind kind, Integer daysBefore) {
    }

    public record PastTask(Instant at, TaskType type, String invoiceId) {
    }

    public record PastInvoice(String id, LocalDate dueOn, LocalDate paidOn) {
    }

    public record Reply(Instant at, Sentiment sentiment, LocalDate promisedOn, Channel channel,
                        @Schema(implementation = String.class, example = "0.87",
                                description = "How sure the classifier was, 0 to 1; below replyMinConfidence a person reads the reply first")
                        BigDecimal confidence) {
    }
}
