package app.dunwell.bench;

import app.dunwell.decision.Action;
import app.dunwell.decision.Channel;
import app.dunwell.decision.Decision;
import app.dunwell.decision.DecisionRequest;
import app.dunwell.decision.FamilyFlag;
import app.dunwell.decision.InvoiceStatus;
import app.dunwell.decision.JsonMapping;
import app.dunwell.decision.PolicyEngine;
import app.dunwell.decision.ReminderKind;
import app.dunwell.decision.SuppressionReason;
import app.dunwell.decision.TaskType;
import app.dunwell.policy.Settings;
import app.dunwell.policy.SettingsResolver;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The default follow-up policy of {@code docs/contract/default-policy.md}, written by hand in plain Java: the
 * thirteen rules in the order the prose gives them, over the definitions worked out by
 * {@link PolicyFacts}. It is the benchmark's yardstick for {@code CompiledRuleset.decide} and is checked
 * to give the same status, actions and suppressed entries by {@link Agreement}. No trace is kept.
 *
 * <p>Where the prose leaves a reading open, the comments say which one is taken and why (a scenario in
 * {@code rules/tests/} that pins it, or the shipped ruleset's behaviour found by the agreement check).
 */
public final class ReferencePolicy implements PolicyEngine {
    private static final ObjectMapper MAPPER = JsonMapping.newMapper();
    /**
     * {@code -Dreference.strict=true}: follow the prose also in the few cases where the shipped ruleset reads
     * it otherwise (each marked "Ruleset reading" below and reported to the project); the agreement check then
     * shows those cases as disagreements. By default the reference decides as the ruleset does there.
     */
    static final boolean STRICT = Boolean.getBoolean("reference.strict");

    private final SettingsResolver resolver;
    /** The defaults alone, for the common request without {@code center.settings}. */
    private final Settings defaults;

    public ReferencePolicy(ObjectNode defaultSettings) {
        this.resolver = new SettingsResolver(MAPPER, defaultSettings);
        this.defaults = resolver.defaults("settings");
    }

    /** The policy with the defaults of a {@code settings.json} file. */
    public static ReferencePolicy fromSettingsFile(Path settingsJson) {
        try {
            return new ReferencePolicy((ObjectNode) MAPPER.readTree(Files.readString(settingsJson)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String version() {
        return "reference";
    }

    public Settings settingsFor(DecisionRequest request) {
        ObjectNode overrides = request.centerOrDefault().settings();
        return overrides == null || overrides.isEmpty() ? defaults : resolver.resolve(overrides, "center.settings");
    }

    @Override
    public Decision decide(DecisionRequest request) {
        Settings s = settingsFor(request);
        Outcome out = new Outcome();
        DecisionRequest.Invoice invoice = request.invoice();
        InvoiceStatus sent = invoice.statusOrDefault();

        // Rule 1: out of scope.
        boolean automation = invoice.automationEnabled() != null ? invoice.automationEnabled() : s.automationByDefault();
        if (invoice.balance().signum() <= 0 || sent == InvoiceStatus.PAID || sent == InvoiceStatus.CANCELLED
                || invoice.dueOn() == null || !automation) {
            return out.decision(request, sent, sent);
        }
        PolicyFacts f = new PolicyFacts(request, s);
        out.tasksOnFile = f.tasksOnFile;

        // Rule 2: pause (tasks are still created below).
        if (f.pauseReason != null) {
            out.actions.add(Action.pauseAutomation(f.pauseReason, f.pauseUntil));
        }
        boolean paused = f.pauseReason != null;
        // Rule 6: partial payment.
        boolean partialStop = s.stopOnPartialPayment() && !invoice.paymentsOrEmpty().isEmpty() && invoice.balance().signum() > 0;
        boolean statusHeld = paused || partialStop;

        // Rule 3: replies.
        Set<Channel> optedOut = EnumSet.noneOf(Channel.class);
        optedOut.addAll(f.optedOut);
        boolean planForHardship = false;
        if (f.latestReply != null) {
            if (f.unsureReply) {
                out.task(TaskType.REPLY_REVIEW);
            } else {
                switch (f.latestReply.sentiment()) {
                    case HARDSHIP -> {
                        if (!f.tasksOnFile.contains(TaskType.HARDSHIP_REVIEW)) {
                            out.task(TaskType.HARDSHIP_REVIEW);
                            planForHardship = planBalanceAndFlags(f, s);
                        }
                    }
                    case DISPUTE -> out.task(TaskType.DISPUTE_REVIEW);
                    case FRUSTRATED -> out.task(TaskType.STAFF_CALL);
                    case CONFUSED -> out.task(TaskType.BILLING_QUESTION);
                    case OPT_OUT -> {
                        Channel channel = f.latestReply.channel() != null ? f.latestReply.channel() : f.channelBeforeLatestReply;
                        if (channel != null) {
                            optedOut.add(channel);
                        }
                    }
                    default -> {
                    }
                }
            }
        }

        // Rule 5: overdue progression (the move; its notice is routed with the other reminders below).
        InvoiceStatus target = sent;
        ReminderKind stageNotice = null;
        if (s.overdue().enabled()) {
            if (Boolean.TRUE.equals(invoice.statusSetManually())) {
                InvoiceStatus next = switch (sent) {
                    case UNPAID -> InvoiceStatus.FIRST;
                    case FIRST -> InvoiceStatus.SECOND;
                    case SECOND -> InvoiceStatus.FINAL;
                    default -> null;
                };
                // Ruleset reading: the status moves one step whenever the stage reached is above it, also when
                // thresholds out of order (overdue.first > overdue.second) leave the next stage's own threshold
                // unreached; the prose moves it "only when that stage's threshold is reached".
                boolean moves = STRICT ? next != null && f.daysOverdue >= threshold(next, s)
                        : next != null && stageReached(f, s).ordinal() > sent.ordinal();
                if (moves) {
                    target = next;
                }
            } else {
                InvoiceStatus reached = stageReached(f, s);
                if (reached.ordinal() > sent.ordinal()) {
                    target = reached;
                }
            }
            if (target != sent) {
                stageNotice = noticeOf(target);
            } else if (noticeOf(sent) != null && !f.invoiceHasContact(noticeOf(sent))) {
                stageNotice = noticeOf(sent); // a status already at a stage still owes that stage's notice
            }
        }

        // Rule 7: after the final notice, counted for the status as sent.
        String comment = null;
        if (sent == InvoiceStatus.FINAL || sent == InvoiceStatus.COLLECTIONS) {
            if (f.daysSinceFinalNotice >= s.directorCallbackAfterFinalDays()) {
                out.task(TaskType.DIRECTOR_CALLBACK);
            }
        }
        if (sent == InvoiceStatus.FINAL && f.daysSinceFinalNotice >= s.collectionsAfterFinalDays()) {
            if (stageNotice == ReminderKind.OVERDUE_FINAL) {
                stageNotice = null; // a final notice still owed is dropped, also while a hold keeps the status
            }
            if (s.overdue().enabled()) {
                target = InvoiceStatus.COLLECTIONS;
            }
        }
        if (sent == InvoiceStatus.COLLECTIONS && s.autoCancel().enabled()
                && f.daysSinceFinalNotice >= s.autoCancel().afterFinalDays() && s.overdue().enabled()) {
            target = InvoiceStatus.CANCELLED;
            comment = "Auto-cancelled on " + f.today + ": " + f.daysOverdue + " days overdue";
        }
        if (statusHeld) {
            target = sent;
            comment = null;
        }
        if (comment != null) {
            out.actions.add(Action.addComment(comment));
        }

        // Rule 4: pre-due reminders; rule 5: the stage notice.
        List<Owed> owed = new ArrayList<>();
        if (s.preDue().enabled() && sent == InvoiceStatus.UNPAID && s.preDue().days().contains(f.daysUntilDue)) {
            if (f.invoiceHasPreDue(f.daysUntilDue)) {
                out.suppress(ReminderKind.PRE_DUE, null, SuppressionReason.ALREADY_SENT);
            } else {
                owed.add(new Owed(ReminderKind.PRE_DUE, f.daysUntilDue));
            }
        }
        if (stageNotice != null) {
            if (f.invoiceHasContact(stageNotice)) {
                out.suppress(stageNotice, null, SuppressionReason.ALREADY_SENT); // before any hold reason
            } else {
                owed.add(new Owed(stageNotice, null));
            }
        }

        // Holds (rules 2 and 6), channel (rule 10), timing (rule 11), and the plan sent with a notice (rule 9).
        boolean planWithNotice = false;
        for (Owed reminder : owed) {
            if (paused || partialStop) {
                if (paused) {
                    out.suppress(reminder.kind, null, SuppressionReason.PAUSED);
                }
                if (partialStop) {
                    out.suppress(reminder.kind, null, SuppressionReason.PARTIAL_PAYMENT);
                }
                continue;
            }
            Channel channel = Routing.channel(f, s, optedOut, reminder.kind, out);
            if (channel == null) {
                out.suppress(reminder.kind, null, SuppressionReason.NO_CHANNEL);
                out.task(TaskType.NO_CHANNEL);
                continue;
            }
            java.time.Instant notBefore = Timing.notBefore(f, s);
            if (reminder.kind == ReminderKind.PRE_DUE && !Timing.localDate(notBefore, f.zone).isBefore(f.dueOn)) {
                out.suppress(reminder.kind, channel, SuppressionReason.STALE);
                continue;
            }
            out.actions.add(Action.sendReminder(reminder.kind, channel, notBefore, reminder.daysBefore));
            if ((reminder.kind == ReminderKind.OVERDUE_SECOND || reminder.kind == ReminderKind.OVERDUE_FINAL)
                    && planBalanceAndFlags(f, s)
                    && (f.lateCount >= 2 || f.flags.contains(FamilyFlag.HARDSHIP))) {
                planWithNotice = true;
            }
        }
        if (planForHardship || planWithNotice) {
            out.actions.add(Action.offerPaymentPlan(installments(invoice.balance(), f.today, s.paymentPlan())));
        }

        // Rule 8: late fee.
        if (s.lateFee().enabled() && !paused && !Boolean.TRUE.equals(invoice.lateFeeAssessed())
                && f.daysOverdue > s.graceDays() && invoice.balance().compareTo(s.lateFee().minBalance()) >= 0) {
            if (f.flags.contains(FamilyFlag.HARDSHIP)) {
                out.task(TaskType.LATE_FEE_REVIEW);
            } else if (f.lookbackCount >= s.waiver().minHistory() && f.onTimeRateAtLeast(s.waiver().minOnTimeRate())) {
                out.actions.add(Action.waiveLateFee(s.lateFee().amount(), "GOOD_HISTORY"));
            } else {
                out.actions.add(Action.assessLateFee(s.lateFee().amount()));
            }
        }

        return out.decision(request, sent, target);
    }

    /** Rule 9's balance and flag conditions: balance at least paymentPlan.minBalance, no active plan. */
    private static boolean planBalanceAndFlags(PolicyFacts f, Settings s) {
        return f.balance.compareTo(s.paymentPlan().minBalance()) >= 0 && !f.flags.contains(FamilyFlag.PAYMENT_PLAN_ACTIVE);
    }

    /** The highest of FIRST/SECOND/FINAL whose threshold daysOverdue has reached; UNPAID when none. */
    private static InvoiceStatus stageReached(PolicyFacts f, Settings s) {
        InvoiceStatus reached = InvoiceStatus.UNPAID;
        for (InvoiceStatus stage : List.of(InvoiceStatus.FIRST, InvoiceStatus.SECOND, InvoiceStatus.FINAL)) {
            if (f.daysOverdue >= threshold(stage, s)) {
                reached = stage;
            }
        }
        return reached;
    }

    private static int threshold(InvoiceStatus stage, Settings s) {
        return switch (stage) {
            case FIRST -> s.overdue().first();
            case SECOND -> s.overdue().second();
            case FINAL -> s.overdue().finalNotice();
            default -> throw new IllegalArgumentException(stage.name());
        };
    }

    private static ReminderKind noticeOf(InvoiceStatus stage) {
        return switch (stage) {
            case FIRST -> ReminderKind.OVERDUE_FIRST;
            case SECOND -> ReminderKind.OVERDUE_SECOND;
            case FINAL -> ReminderKind.OVERDUE_FINAL;
            default -> null;
        };
    }

    /**
     * Rule 9's split: n = ceil(balance / maxInstallment) within [min, max]; each installment is
     * balance / n rounded down to the cent, the last takes the remainder; installment i is due today + i × interval.
     */
    static List<Action.Installment> installments(BigDecimal balance, LocalDate today, Settings.PaymentPlan plan) {
        int n = balance.divide(plan.maxInstallment(), 0, RoundingMode.CEILING).intValueExact();
        n = Math.max(plan.minInstallments(), Math.min(plan.maxInstallments(), n));
        BigDecimal each = balance.divide(BigDecimal.valueOf(n), 2, RoundingMode.DOWN);
        List<Action.Installment> list = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
            BigDecimal amount = i < n ? each : balance.subtract(each.multiply(BigDecimal.valueOf(n - 1)));
            list.add(new Action.Installment(today.plusDays((long) i * plan.intervalDays()), amount));
        }
        return list;
    }

    private record Owed(ReminderKind kind, Integer daysBefore) {
    }

    /** What the rules produce, and rule 12 (tasks once). */
    static final class Outcome {
        final List<Action> actions = new ArrayList<>();
        final List<Decision.Suppression> suppressed = new ArrayList<>();
        Set<TaskType> tasksOnFile = EnumSet.noneOf(TaskType.class);
        private final Set<TaskType> created = EnumSet.noneOf(TaskType.class);

        void task(TaskType type) {
            if (!tasksOnFile.contains(type) && created.add(type)) {
                actions.add(Action.createTask(type));
            }
        }

        void suppress(ReminderKind kind, Channel channel, SuppressionReason reason) {
            suppressed.add(new Decision.Suppression(kind, channel, reason));
        }

        Decision decision(DecisionRequest request, InvoiceStatus from, InvoiceStatus to) {
            return new Decision(null, request.invoice().id(), request.asOf(), "reference",
                    from == to ? null : new Decision.StatusChange(from, to), actions, suppressed, List.of());
        }
    }
}
