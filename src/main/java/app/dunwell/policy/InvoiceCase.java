package app.dunwell.policy;

import app.dunwell.decision.Channel;
import app.dunwell.decision.FamilyFlag;
import app.dunwell.decision.InvoiceStatus;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Set;

/**
 * The invoice as the rules see it: the request's facts plus the definitions of the policy
 * ({@code today}, {@code daysOverdue}, the final-notice date, the lookback figures), worked out once
 * by {@link CaseFacts}. No rule outcome lives here.
 *
 * @param daysOverdue       today − dueOn in days, negative before the due date; null without a due date
 * @param daysUntilDue      dueOn − today in days (the negation of daysOverdue)
 * @param finalNoticeDate   local date of this invoice's final notice, or dueOn + overdue.final if none was sent
 * @param lookbackInvoices  past invoices due within the waiver lookback, up to today
 * @param onTimeRate        on-time share of the lookback invoices (0 when there are none)
 */
public record InvoiceCase(
        String invoiceId,
        Instant asOf,
        ZoneId zone,
        LocalDate today,
        LocalDate dueOn,
        Integer daysOverdue,
        Integer daysUntilDue,
        BigDecimal balance,
        InvoiceStatus status,
        boolean statusSetManually,
        Boolean automationEnabled,
        boolean lateFeeAssessed,
        int paymentCount,
        Set<FamilyFlag> flags,
        Channel preferredChannel,
        boolean hasEmail,
        boolean hasPhone,
        Set<Channel> optedOut,
        Set<LocalDate> holidays,
        LocalDate finalNoticeDate,
        Integer daysSinceFinalNotice,
        int lookbackInvoices,
        int lookbackOnTime,
        int lateCount,
        BigDecimal onTimeRate) {

    public boolean hasFlag(FamilyFlag flag) {
        return flags.contains(flag);
    }

    public boolean isHoliday(LocalDate date) {
        return holidays.contains(date);
    }
}
