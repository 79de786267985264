package app.dunwell.decision;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One thing to do. Which fields are set depends on {@code type} (see the contract's table); the
 * others are left out of the JSON.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "One thing to do; the fields present depend on type")
public record Action(
        ActionType type,
        ReminderKind kind,
        Channel channel,
        @Schema(description = "SEND_REMINDER: not before this instant (UTC)") Instant notBefore,
        @Schema(description = "PRE_DUE reminders only") Integer daysBefore,
        @Schema(implementation = String.class, example = "25.00") BigDecimal amount,
        String reason,
        TaskType taskType,
        List<Installment> installments,
        LocalDate until,
        String text) {

    public record Installment(LocalDate dueOn, @Schema(implementation = String.class, example = "212.50") BigDecimal amount) {
    }

    public static Action sendReminder(ReminderKind kind, Channel channel, Instant notBefore, Integer daysBefore) {
        return new Action(ActionType.SEND_REMINDER, kind, channel, notBefore, daysBefore, null, null, null, null, null, null);
    }

    public static Action assessLateFee(BigDecimal amount) {
        return new Action(ActionType.ASSESS_LATE_FEE, null, null, null, null, amount, null, null, null, null, null);
    }

    public static Action waiveLateFee(BigDecimal amount, String reason) {
        return new Action(ActionType.WAIVE_LATE_FEE, null, null, null, null, amount, reason, null, null, null, null);
    }

    public static Action createTask(TaskType taskType) {
        return new Action(ActionType.CREATE_TASK, null, null, null, null, null, null, taskType, null, null, null);
    }

    public static Action offerPaymentPlan(List<Installment> installments) {
        return new Action(ActionType.OFFER_PAYMENT_PLAN, null, null, null, null, null, null, null, List.copyOf(installments), null, null);
    }

    public static Action pauseAutomation(String reason, LocalDate until) {
        return new Action(ActionType.PAUSE_AUTOMATION, null, null, null, null, null, reason, null, null, until, null);
    }

    public static Action addComment(String text) {
        return new Action(ActionType.ADD_COMMENT, null, null, null, null, null, null, null, null, null, text);
    }
}
