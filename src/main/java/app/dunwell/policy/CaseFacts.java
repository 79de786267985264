package app.dunwell.policy;

import app.dunwell.decision.Channel;
import app.dunwell.decision.DecisionRequest;
import app.dunwell.decision.FamilyFlag;
import app.dunwell.decision.ReminderKind;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Works out the facts the rules reason over from one request and its merged settings: the
 * definitions section of the policy (today, daysOverdue, history up to {@code asOf}, the lookback
 * figures, the latest reply, the final-notice date). Pure: same input, same facts.
 */
public final class CaseFacts {
    private CaseFacts() {
    }

    public static List<Object> of(DecisionRequest request, Settings settings) {
        Instant asOf = request.asOf();
        ZoneId zone = request.centerOrDefault().zone();
        LocalDate today = Dates.localDate(asOf, zone);
        DecisionRequest.Invoice invoice = request.invoice();
        DecisionRequest.Contact contact = request.familyOrDefault().contactOrEmpty();
        DecisionRequest.History history = request.historyOrDefault();

        List<ContactMade> contacts = history.contactsOrEmpty().stream()
                .filter(c -> !c.at().isAfter(asOf))
                .map(c -> new ContactMade(c.at(), c.channel(), c.invoiceId(), c.kind(), c.daysBefore(),
                        invoice.id().equals(c.invoiceId())))
                .toList();
        List<TaskOnFile> tasks = history.tasksOrEmpty().stream()
                .filter(t -> t.at() == null || !t.at().isAfter(asOf))
                .filter(t -> t.invoiceId() == null || invoice.id().equals(t.invoiceId()))
                .map(t -> new TaskOnFile(t.type()))
                .distinct()
                .toList();

        Integer daysOverdue = invoice.dueOn() == null ? null : (int) Dates.daysBetween(invoice.dueOn(), today);
        LocalDate finalNoticeDate = finalNoticeDate(invoice, contacts, zone, settings);
        Lookback lookback = Lookback.of(invoice.id(), history.pastInvoicesOrEmpty(), today, settings.waiver().lookbackMonths());

        InvoiceCase invoiceCase = new InvoiceCase(
                invoice.id(), asOf, zone, today, invoice.dueOn(), daysOverdue, daysOverdue == null ? null : -daysOverdue,
                invoice.balance(), invoice.statusOrDefault(),
                Boolean.TRUE.equals(invoice.statusSetManually()), invoice.automationEnabled(),
                Boolean.TRUE.equals(invoice.lateFeeAssessed()), invoice.paymentsOrEmpty().size(),
                enumSet(request.familyOrDefault().flagsOrEmpty(), FamilyFlag.class),
                contact.preferredChannel(), notBlank(contact.email()), notBlank(contact.phone()),
                enumSet(contact.optedOutOrEmpty(), Channel.class),
                new HashSet<>(request.centerOrDefault().holidaysOrEmpty()),
                finalNoticeDate,
                finalNoticeDate == null ? null : (int) Dates.daysBetween(finalNoticeDate, today),
                lookback.count(), lookback.onTime(), lookback.count() - lookback.onTime(), lookback.onTimeRate());

        List<Object> facts = new ArrayList<>();
        facts.add(invoiceCase);
        facts.add(settings);
        facts.add(new ContactLog(contacts.stream().map(ContactMade::at).toList()));
        facts.addAll(contacts);
        facts.addAll(tasks);
        latestReply(history, contacts, asOf, settings).ifPresent(facts::add);
        return facts;
    }

    private static LocalDate finalNoticeDate(DecisionRequest.Invoice invoice, List<ContactMade> contacts, ZoneId zone,
                                             Settings settings) {
        Optional<LocalDate> sent = contacts.stream()
                .filter(c -> c.ofThisInvoice() && c.kind() == ReminderKind.OVERDUE_FINAL)
                .map(c -> Dates.localDate(c.at(), zone))
                .min(Comparator.naturalOrder());
        if (sent.isPresent()) {
            return sent.get();
        }
        return invoice.dueOn() == null ? null : invoice.dueOn().plusDays(settings.overdue().finalNotice());
    }

    private static Optional<LatestReply> latestReply(DecisionRequest.History history, List<ContactMade> contacts,
                                                     Instant asOf, Settings settings) {
        Instant windowStart = asOf.minus(Duration.ofDays(settings.replyWindowDays()));
        return history.repliesOrEmpty().stream()
                .filter(r -> !r.at().isAfter(asOf) && !r.at().isBefore(windowStart))
                .max(Comparator.comparing(DecisionRequest.Reply::at))
                .map(r -> new LatestReply(r.at(), r.sentiment(), r.promisedOn(), r.channel(),
                        contacts.stream()
                                .filter(c -> c.at().isBefore(r.at()) && c.channel() != null)
                                .max(Comparator.comparing(ContactMade::at))
                                .map(ContactMade::channel)
                                .orElse(null),
                        r.confidence()));
    }

    private static boolean notBlank(String value) {
        return value != null && !value.isBlank();
    }

    private static <E extends Enum<E>> EnumSet<E> enumSet(List<E> values, Class<E> type) {
        EnumSet<E> set = EnumSet.noneOf(type);
        values.stream().filter(Objects::nonNull).forEach(set::add);
        return set;
    }

    /** The lookback invoices of the waiver definition and how many were paid on time. */
    record Lookback(int count, int onTime) {
        static Lookback of(String invoiceId, List<DecisionRequest.PastInvoice> past, LocalDate today, int months) {
            LocalDate from = today.minusMonths(months);
            List<DecisionRequest.PastInvoice> inWindow = past.stream()
                    .filter(p -> !invoiceId.equals(p.id()))
                    .filter(p -> !p.dueOn().isBefore(from) && !p.dueOn().isAfter(today))
                    .toList();
            int onTime = (int) inWindow.stream()
                    .filter(p -> p.paidOn() != null && !p.paidOn().isAfter(p.dueOn()))
                    .count();
            return new Lookback(inWindow.size(), onTime);
        }

        BigDecimal onTimeRate() {
            return count == 0 ? BigDecimal.ZERO : BigDecimal.valueOf(onTime).divide(BigDecimal.valueOf(count), MathContext.DECIMAL64);
        }
    }
}
