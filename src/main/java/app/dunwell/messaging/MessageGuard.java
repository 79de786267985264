package app.dunwell.messaging;

import app.dunwell.decision.Action;
import app.dunwell.decision.Channel;
import app.dunwell.decision.ReminderKind;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a worded message against its facts before it may be used: the exact balance, due date,
 * invoice number and link appear; no other amount or date does; no threat or legal language before
 * the final notice; an SMS fits in 320 characters.
 */
public final class MessageGuard {
    public static final int SMS_LIMIT = 320;
    private static final Pattern MONEY = Pattern.compile("(?:[$€£]\\s?\\d[\\d,]*(?:\\.\\d+)?|\\b\\d[\\d,]*\\.\\d{2}\\b(?:\\s?(?:USD|EUR|GBP|dollars))?)");
    private static final Pattern DATES = Pattern.compile("\\b(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?(?:,?\\s+\\d{4})?"
            + "|\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*(?:,?\\s+\\d{4})?"
            + "|\\d{4}-\\d{2}-\\d{2}|\\d{1,2}/\\d{1,2}(?:/\\d{2,4})?)\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern THREATS = Pattern.compile("\\b(?:legal|lawyer|attorney|court|sue|suing|lawsuit|litigation|collections?|"
            + "debt collector|credit (?:report|bureau|score)|garnish\\w*|police|prosecut\\w*)\\b", Pattern.CASE_INSENSITIVE);

    private MessageGuard() {
    }

    public static List<String> violations(Message message, MessageFacts facts) {
        List<String> problems = new ArrayList<>();
        String all = (message.subject() == null ? "" : message.subject() + "\n") + (message.body() == null ? "" : message.body());
        if (message.body() == null || message.body().isBlank()) {
            return List.of("the body is empty");
        }
        require(problems, all, facts.balanceText(), "the balance");
        require(problems, all, facts.dueOnText(), "the due date");
        require(problems, all, facts.invoiceNumber(), "the invoice number");
        if (facts.paymentLink() != null) {
            require(problems, all, facts.paymentLink(), "the payment link");
        }
        Set<BigDecimal> allowedAmounts = new HashSet<>();
        allowedAmounts.add(facts.balance().stripTrailingZeros());
        Set<String> allowedDates = new HashSet<>();
        allowedDates.add(facts.dueOnText().toLowerCase(Locale.ROOT));
        for (Action.Installment i : facts.installments()) {
            allowedAmounts.add(i.amount().stripTrailingZeros());
            allowedDates.add(MessageFormats.date(i.dueOn()).toLowerCase(Locale.ROOT));
        }
        String withoutLink = facts.paymentLink() == null ? all : all.replace(facts.paymentLink(), " ");
        Matcher money = MONEY.matcher(withoutLink);
        while (money.find()) {
            String digits = money.group().replaceAll("[^0-9.]", "");
            try {
                if (!allowedAmounts.contains(new BigDecimal(digits).stripTrailingZeros())) {
                    problems.add("an amount that is not in the decision: " + money.group().strip());
                }
            } catch (NumberFormatException e) {
                problems.add("an unreadable amount: " + money.group());
            }
        }
        Matcher dates = DATES.matcher(withoutLink);
        while (dates.find()) {
            if (!allowedDates.contains(dates.group().toLowerCase(Locale.ROOT))) {
                problems.add("a date that is not in the decision: " + dates.group());
            }
        }
        if (facts.kind() != ReminderKind.OVERDUE_FINAL) {
            Matcher threat = THREATS.matcher(all);
            if (threat.find()) {
                problems.add("threat or legal language before the final notice: " + threat.group());
            }
        }
        if (message.channel() == Channel.SMS && message.body().length() > SMS_LIMIT) {
            problems.add("an SMS of " + message.body().length() + " characters (at most " + SMS_LIMIT + ")");
        }
        return problems;
    }

    private static void require(List<String> problems, String text, String value, String what) {
        if (value != null && !text.contains(value)) {
            problems.add(what + " (" + value + ") is missing");
        }
    }
}
