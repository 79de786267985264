package app.dunwell.messaging;

import app.dunwell.decision.Channel;
import app.dunwell.decision.ReminderKind;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MessageGuardTest {
    private static final String GOOD = "Hi Ana, invoice INV-1 for $850.00 was due on March 2, 2026. Pay at https://pay.example/1";

    private static MessageFacts facts(ReminderKind kind) {
        return new MessageFacts(kind, Channel.EMAIL, "Sunny", "Ana", List.of(), "INV-1", new BigDecimal("850.00"), "USD",
                LocalDate.of(2026, 3, 2), "https://pay.example/1", List.of(), false);
    }

    private static List<String> check(String body, ReminderKind kind, Channel channel) {
        return MessageGuard.violations(new Message(channel, "Invoice INV-1", body, "llm", null), facts(kind));
    }

    @Test
    void aMessageWithExactlyTheFactsPasses() {
        assertEquals(List.of(), check(GOOD, ReminderKind.OVERDUE_FIRST, Channel.EMAIL));
    }

    @Test
    void eachMissingFactIsNamed() {
        List<String> problems = MessageGuard.violations(new Message(Channel.EMAIL, "Hello", "Hi Ana, please pay soon.", "llm", null),
                facts(ReminderKind.OVERDUE_FIRST));
        assertEquals(4, problems.size(), problems.toString());
        assertEquals(List.of(), check(GOOD.replace("invoice INV-1 ", "your invoice "), ReminderKind.OVERDUE_FIRST, Channel.EMAIL),
                "the invoice number may stand in the subject");
    }

    @Test
    void anotherAmountOrDateIsRefused() {
        assertTrue(check(GOOD + " A fee of $25.00 applies.", ReminderKind.OVERDUE_FIRST, Channel.EMAIL).get(0).contains("$25.00"));
        assertTrue(check(GOOD + " Pay by 3/15.", ReminderKind.OVERDUE_FIRST, Channel.EMAIL).get(0).contains("3/15"));
        assertTrue(check(GOOD + " Pay by April 1.", ReminderKind.OVERDUE_FIRST, Channel.EMAIL).get(0).contains("April 1"));
    }

    @Test
    void moneyInAnyOtherNotationIsRefused() {
        for (String other : List.of("A fee of 100 USD applies.", "Add USD 20.", "That is 25 dollars more.", "Only twenty dollars more.",
                "A charge of €5 applies.", "Pay 100 now.", "It is 850 in total.")) {
            List<String> problems = check(GOOD + " " + other, ReminderKind.OVERDUE_FIRST, Channel.EMAIL);
            assertTrue(!problems.isEmpty() && problems.get(0).startsWith("a"), other + " -> " + problems);
        }
    }

    @Test
    void anyOtherDateOrRelativeDateIsRefused() {
        for (String other : List.of("Pay by next month.", "Please pay tomorrow.", "Pay by Friday.", "You have 3 days.",
                "Pay within a week.", "Pay by the end of the month.", "Pay this week.", "Pay by 2026-04-01.", "Pay in two weeks.")) {
            List<String> problems = check(GOOD + " " + other, ReminderKind.OVERDUE_FIRST, Channel.EMAIL);
            assertTrue(problems.stream().anyMatch(p -> p.startsWith("a date") || p.startsWith("a number")), other + " -> " + problems);
        }
    }

    @Test
    void anyLinkButThePaymentLinkIsRefused() {
        for (String other : List.of("Or pay at https://evil.example/pay.", "See www.evil.example.", "Write to billing@evil.example.",
                "Visit pay-here.com now.")) {
            List<String> problems = check(GOOD + " " + other, ReminderKind.OVERDUE_FIRST, Channel.EMAIL);
            assertTrue(problems.stream().anyMatch(p -> p.startsWith("a link")), other + " -> " + problems);
        }
    }

    @Test
    void theDecidedInstallmentsMayBeNamed() {
        MessageFacts plan = new MessageFacts(ReminderKind.OVERDUE_SECOND, Channel.EMAIL, "Sunny", "Ana", List.of("Mateo"), "INV-1",
                new BigDecimal("850.00"), "USD", LocalDate.of(2026, 3, 2), "https://pay.example/1",
                List.of(new app.dunwell.decision.Action.Installment(LocalDate.of(2026, 3, 26), new BigDecimal("425.00")),
                        new app.dunwell.decision.Action.Installment(LocalDate.of(2026, 4, 9), new BigDecimal("425.00"))), false);
        String body = GOOD + " Mateo's care matters to us: you may pay in 2 installments, $425.00 by March 26, 2026 and $425.00 by April 9, 2026.";
        assertEquals(List.of(), MessageGuard.violations(new Message(Channel.EMAIL, "Invoice INV-1", body, "llm", null), plan));
        assertTrue(!MessageGuard.violations(new Message(Channel.EMAIL, "Invoice INV-1", body.replace("April 9", "April 19"), "llm", null), plan)
                .isEmpty());
    }

    @Test
    void threatsWaitForTheFinalNotice() {
        String threat = GOOD + " Otherwise we will send this to collections.";
        assertTrue(check(threat, ReminderKind.OVERDUE_SECOND, Channel.EMAIL).get(0).contains("collections"));
        assertEquals(List.of(), check(threat, ReminderKind.OVERDUE_FINAL, Channel.EMAIL));
    }

    @Test
    void anSmsMustFitIn320Characters() {
        String longSms = GOOD + " " + "Thank you so much. ".repeat(14);
        assertTrue(longSms.length() > 320);
        assertTrue(check(longSms, ReminderKind.PRE_DUE, Channel.SMS).get(0).contains("SMS"));
        assertEquals(List.of(), check(longSms, ReminderKind.PRE_DUE, Channel.EMAIL));
    }
}
