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
