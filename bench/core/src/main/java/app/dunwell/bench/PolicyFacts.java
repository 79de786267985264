package app.dunwell.bench;

import app.dunwell.decision.Channel;
import app.dunwell.decision.DecisionRequest;
import app.dunwell.decision.FamilyFlag;
import app.dunwell.decision.ReminderKind;
import app.dunwell.decision.Sentiment;
import app.dunwell.decision.TaskType;
import app.dunwell.policy.Settings;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The "Definitions" section of {@code docs/contract/default-policy.md} for one in-scope request: today, daysOverdue,
 * history up to asOf, the invoice's contacts, the final-notice date, the lookback invoices, the latest
 * (and unsure) reply and the pause cause.
 */
final class PolicyFacts {
    final Instant asOf;
    final ZoneId zone;
    final LocalDate today;
    final LocalDate dueOn;
    final int daysOverdue;
    final int daysUntilDue;
    final BigDecimal balance;
    final String invoiceId;
    final Set<FamilyFlag> flags = EnumSet.noneOf(FamilyFlag.class);
    final Set<Channel> optedOut = EnumSet.noneOf(Channel.class);
    final Channel preferred;
    final boolean hasEmail;
    final boolean hasPhone;
    final List<LocalDate> holidays;

    /** Family contacts (every invoice, every channel) at or before asOf. */
    final List<DecisionRequest.PastContact> familyContacts = new ArrayList<>();
    /** Of those, this invoice's. */
    final List<DecisionRequest.PastContact> invoiceContacts = new ArrayList<>();
    /** Task types this invoice already has (at or before asOf). */
    final Set<TaskType> tasksOnFile = EnumSet.noneOf(TaskType.class);

    final LocalDate finalNoticeDate;
    final int daysSinceFinalNotice;

    final int lookbackCount;
    final int lookbackOnTime;
    final int lateCount;

    /** The newest reply within replyWindowDays before asOf, or null. */
    final DecisionRequest.Reply latestReply;
    final boolean unsureReply;
    /** For an opt-out that names no channel: the channel of the newest family contact before the reply. */
    final Channel channelBeforeLatestReply;

    /** The first cause of rule 2, or null when not paused; until is the promised date of a promise. */
    final String pauseReason;
    final LocalDate pauseUntil;

    PolicyFacts(DecisionRequest request, Settings s) {
        DecisionRequest.Invoice invoice = request.invoice();
        DecisionRequest.History history = request.historyOrDefault();
        DecisionRequest.Contact contact = request.familyOrDefault().contactOrEmpty();
        asOf = request.asOf();
        zone = request.centerOrDefault().zone();
        today = asOf.atZone(zone).toLocalDate();
        dueOn = invoice.dueOn();
        daysOverdue = (int) ChronoUnit.DAYS.between(dueOn, today);
        daysUntilDue = -daysOverdue;
        balance = invoice.balance();
        invoiceId = invoice.id();
        for (FamilyFlag flag : request.familyOrDefault().flagsOrEmpty()) {
            if (flag != null) {
                flags.add(flag);
            }
        }
        for (Channel channel : contact.optedOutOrEmpty()) {
            if (channel != null) {
                optedOut.add(channel);
            }
        }
        preferred = contact.preferredChannel();
        hasEmail = contact.email() != null && !contact.email().isBlank();
        hasPhone = contact.phone() != null && !contact.phone().isBlank();
        holidays = request.centerOrDefault().holidaysOrEmpty();

        // history: entries dated after asOf are ignored everywhere
        for (DecisionRequest.PastContact c : history.contactsOrEmpty()) {
            if (!c.at().isAfter(asOf)) {
                familyContacts.add(c);
                if (invoiceId.equals(c.invoiceId())) {
                    invoiceContacts.add(c);
                }
            }
        }
        for (DecisionRequest.PastTask t : history.tasksOrEmpty()) {
            if ((t.at() == null || !t.at().isAfter(asOf)) && (t.invoiceId() == null || invoiceId.equals(t.invoiceId()))) {
                tasksOnFile.add(t.type());
            }
        }

        // final-notice date: the local date of the earliest OVERDUE_FINAL contact, or dueOn + overdue.final
        Instant firstFinal = null;
        for (DecisionRequest.PastContact c : invoiceContacts) {
            if (c.kind() == ReminderKind.OVERDUE_FINAL && (firstFinal == null || c.at().isBefore(firstFinal))) {
                firstFinal = c.at();
            }
        }
        finalNoticeDate = firstFinal != null ? firstFinal.atZone(zone).toLocalDate() : dueOn.plusDays(s.overdue().finalNotice());
        daysSinceFinalNotice = (int) ChronoUnit.DAYS.between(finalNoticeDate, today);

        // lookback invoices: other invoices due on or after today − lookbackMonths, and not after today
        LocalDate from = today.minusMonths(s.waiver().lookbackMonths());
        int count = 0;
        int onTime = 0;
        for (DecisionRequest.PastInvoice p : history.pastInvoicesOrEmpty()) {
            if (invoiceId.equals(p.id()) || p.dueOn().isBefore(from) || p.dueOn().isAfter(today)) {
                continue;
            }
            count++;
            if (p.paidOn() != null && !p.paidOn().isAfter(p.dueOn())) {
                onTime++;
            }
        }
        lookbackCount = count;
        lookbackOnTime = onTime;
        lateCount = count - onTime;

        // latest reply: the newest reply at most replyWindowDays (of 24 hours) before asOf
        Instant windowStart = asOf.minus(Duration.ofDays(s.replyWindowDays()));
        DecisionRequest.Reply latest = null;
        for (DecisionRequest.Reply r : history.repliesOrEmpty()) {
            if (!r.at().isAfter(asOf) && !r.at().isBefore(windowStart) && (latest == null || r.at().isAfter(latest.at()))) {
                latest = r;
            }
        }
        latestReply = latest;
        unsureReply = latest != null && latest.confidence() != null && latest.confidence().compareTo(s.replyMinConfidence()) < 0;
        Channel before = null;
        if (latest != null) {
            Instant newest = null;
            for (DecisionRequest.PastContact c : familyContacts) {
                if (c.channel() != null && c.at().isBefore(latest.at()) && (newest == null || c.at().isAfter(newest))) {
                    newest = c.at();
                    before = c.channel();
                }
            }
        }
        channelBeforeLatestReply = before;

        // paused: the first cause in the order of rule 2
        String reason = null;
        LocalDate until = null;
        if (flags.contains(FamilyFlag.DISPUTE_OPEN)) {
            reason = "DISPUTE_OPEN";
        } else if (flags.contains(FamilyFlag.PAYMENT_PLAN_ACTIVE)) {
            reason = "PAYMENT_PLAN_ACTIVE";
        } else if (flags.contains(FamilyFlag.MANUAL_REVIEW)) {
            reason = "MANUAL_REVIEW";
        } else if (latest != null && !unsureReply) {
            Sentiment sentiment = latest.sentiment();
            if (sentiment == Sentiment.HARDSHIP || sentiment == Sentiment.DISPUTE || sentiment == Sentiment.FRUSTRATED) {
                reason = sentiment.name();
            } else if (sentiment == Sentiment.PROMISE_TO_PAY && latest.promisedOn() != null && !today.isAfter(latest.promisedOn())) {
                reason = sentiment.name();
                until = latest.promisedOn();
            }
        }
        pauseReason = reason;
        pauseUntil = until;
    }

    boolean invoiceHasContact(ReminderKind kind) {
        for (DecisionRequest.PastContact c : invoiceContacts) {
            if (c.kind() == kind) {
                return true;
            }
        }
        return false;
    }

    boolean invoiceHasPreDue(int daysBefore) {
        for (DecisionRequest.PastContact c : invoiceContacts) {
            if (c.kind() == ReminderKind.PRE_DUE && c.daysBefore() != null && c.daysBefore() == daysBefore) {
                return true;
            }
        }
        return false;
    }

    /** onTimeRate ≥ min (onTime / count, 0 when there are no lookback invoices). */
    boolean onTimeRateAtLeast(BigDecimal min) {
        if (lookbackCount == 0) {
            return min.signum() <= 0;
        }
        if (ReferencePolicy.STRICT) {
            return BigDecimal.valueOf(lookbackOnTime).compareTo(min.multiply(BigDecimal.valueOf(lookbackCount))) >= 0;
        }
        // Ruleset reading: the rate is rounded to 16 digits before the comparison, so 2 of 3 (0.6666666666666667)
        // meets a minOnTimeRate of 0.6666666666666667; the exact rate 2/3 does not.
        return BigDecimal.valueOf(lookbackOnTime).divide(BigDecimal.valueOf(lookbackCount), java.math.MathContext.DECIMAL64)
                .compareTo(min) >= 0;
    }
}
