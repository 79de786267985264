package app.dunwell.messaging;

import app.dunwell.decision.Action;
import app.dunwell.decision.Channel;
import app.dunwell.decision.ReminderKind;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a worded message against its facts before it may be used. The exact balance, due date, invoice number and link
 * must appear. Then every fact the decision gave (amounts, dates, the invoice number, the link, the names) is taken out
 * of the text, and what is left may hold no number, no money in any notation ({@code $}, {@code USD}, {@code dollars}…),
 * no date or relative date ({@code April 1}, {@code next month}, {@code Friday}, {@code tomorrow}), no other link or
 * address, and before the final notice no threat or legal language; an SMS fits in 320 characters. Only the model's text
 * is guarded: a message that fails is worded from the template instead.
 */
public final class MessageGuard {
    public static final int SMS_LIMIT = 320;
    private static final String MONTH = "(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?"
            + "|nov(?:ember)?|dec(?:ember)?)";
    private static final Pattern MONEY = Pattern.compile("(?i)(?:[$€£¥]\\s?\\d[\\d,. ]*|\\b\\d[\\d,.]*\\s?(?:usd|eur|gbp|cad|aud|dollars?|euros?|pounds?|bucks|cents?)\\b"
            + "|\\b(?:usd|eur|gbp|cad|aud)\\s?\\d[\\d,.]*|[$€£¥]|\\b(?:usd|eur|gbp|cad|aud|dollars?|euros?|pounds?|bucks|cents?)\\b)");
    /** Month names alone, but "may" and "march", which are words too, only with a day. */
    private static final String MONTH_ALONE = "(?:jan(?:uary)?|feb(?:ruary)?|apr(?:il)?|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?"
            + "|nov(?:ember)?|dec(?:ember)?)";
    private static final Pattern DATE = Pattern.compile("(?i)\\b(?:" + MONTH + "\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?(?:,?\\s+\\d{4})?"
            + "|" + MONTH + "\\s+\\d{4}|" + MONTH_ALONE + "\\b"
            + "|\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?" + MONTH + "\\b(?:,?\\s+\\d{4})?"
            + "|\\d{4}-\\d{2}-\\d{2}|\\d{1,2}/\\d{1,2}(?:/\\d{2,4})?)");
    private static final Pattern RELATIVE_DATE = Pattern.compile("(?i)\\b(?:today|tonight|tomorrow|yesterday|weekend|midnight"
            + "|(?:mon|tues|wednes|thurs|fri|satur|sun)days?"
            + "|(?:next|this|last|coming|following|same)\\s+(?:week|month|year|quarter|day|morning|evening|\\w+day)"
            + "|(?:end|beginning|start|middle)\\s+of\\s+(?:the\\s+|this\\s+|next\\s+)?(?:week|month|year|quarter)"
            + "|(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fourteen|thirty|few|couple\\s+of|several|\\d+)"
            + "\\s+(?:more\\s+)?(?:days?|weeks?|months?|years?|hours?)"
            + "|within\\s+(?:a|the|\\w+)\\s+(?:days?|weeks?|months?)|in\\s+(?:a|one|two)\\s+(?:days?|weeks?|months?)"
            + "|overnight|asap\\s+by)\\b");
    private static final Pattern LINK = Pattern.compile("(?i)(?:https?://\\S+|www\\.\\S+|\\b[\\w.+-]+@[\\w-]+\\.[\\w.]+\\b"
            + "|\\b[\\w-]+(?:\\.[\\w-]+)*\\.(?:com|org|net|io|co|us|uk|info|biz|app|me|ly|gl|link|site|online|pay)\\b(?:/\\S*)?)");
    private static final Pattern NUMBER = Pattern.compile("\\d+(?:[.,:/-]\\d+)*");
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
        String rest = withoutFacts(all, facts);
        found(problems, MONEY, rest, "an amount that is not in the decision: ");
        found(problems, DATE, rest, "a date that is not in the decision: ");
        found(problems, RELATIVE_DATE, rest, "a date that is not in the decision: ");
        found(problems, LINK, rest, "a link or address that is not the payment link: ");
        found(problems, NUMBER, rest, "a number that is not in the decision: ");
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

    /** The text with every fact of the decision blanked out, longest first (a link before the invoice number inside it). */
    private static String withoutFacts(String text, MessageFacts facts) {
        Set<String> allowed = new LinkedHashSet<>();
        allowed.add(facts.paymentLink());
        allowed.add(facts.balanceText());
        allowed.add(facts.dueOnText());
        allowed.add(facts.invoiceNumber());
        allowed.add(facts.centerName());
        allowed.add(facts.familyFirstName());
        allowed.addAll(facts.childFirstNames());
        for (Action.Installment i : facts.installments()) {
            allowed.add(MessageFormats.money(i.amount(), facts.currency()));
            allowed.add(MessageFormats.date(i.dueOn()));
        }
        if (!facts.installments().isEmpty()) {
            int n = facts.installments().size();
            allowed.add(n + " installments");
            allowed.add(n + " payments");
            allowed.add(n + " monthly payments");
        }
        List<String> spans = allowed.stream().filter(s -> s != null && !s.isBlank()).sorted(Comparator.comparingInt(String::length).reversed()).toList();
        String rest = text;
        for (String span : spans) {
            rest = Pattern.compile(Pattern.quote(span), Pattern.CASE_INSENSITIVE).matcher(rest).replaceAll(" ");
        }
        return rest;
    }

    private static void found(List<String> problems, Pattern pattern, String text, String what) {
        Matcher m = pattern.matcher(text);
        Set<String> seen = new LinkedHashSet<>();
        while (m.find()) {
            String match = m.group().strip();
            if (!match.isEmpty() && seen.add(match.toLowerCase(Locale.ROOT))) {
                problems.add(what + match);
            }
        }
    }

    private static void require(List<String> problems, String text, String value, String what) {
        if (value != null && !text.contains(value)) {
            problems.add(what + " (" + value + ") is missing");
        }
    }
}
