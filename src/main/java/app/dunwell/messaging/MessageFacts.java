package app.dunwell.messaging;

import app.dunwell.decision.Action;
import app.dunwell.decision.Channel;
import app.dunwell.decision.ReminderKind;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * Everything a reminder may say, taken from the decision and the invoice: never an email address, a
 * phone number or a last name, so none can reach a prompt. Every number in a message comes from here.
 */
public record MessageFacts(ReminderKind kind, Channel channel, String centerName, String familyFirstName,
                           List<String> childFirstNames, String invoiceNumber, BigDecimal balance, String currency,
                           LocalDate dueOn, String paymentLink, List<Action.Installment> installments, boolean hardship) {

    public MessageFacts withChannel(Channel other) {
        return new MessageFacts(kind, other, centerName, familyFirstName, childFirstNames, invoiceNumber, balance, currency,
                dueOn, paymentLink, installments, hardship);
    }

    /** The balance as a message writes it: {@code $850.00}, or {@code 850.00 EUR}. */
    public String balanceText() {
        return MessageFormats.money(balance, currency);
    }

    public String dueOnText() {
        return MessageFormats.date(dueOn);
    }
}
