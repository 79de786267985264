package app.dunwell.decision;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * What a decision request may hold, beyond its types: money as at most two decimal places and at most what the database
 * keeps, instants and dates in years 1900 to 9999, lists of bounded length, and the other impossible values of the
 * contract (a negative balance, a confidence outside 0 to 1). Each problem is added with the field it is in.
 */
final class RequestLimits {
    static final int MAX_HISTORY = 10_000;
    static final int MAX_SMALL_LIST = 100;

    private final List<FieldError> errors;

    RequestLimits(List<FieldError> errors) {
        this.errors = errors;
    }

    void check(DecisionRequest r) {
        instant("asOf", r.asOf());
        DecisionRequest.Center center = r.centerOrDefault();
        text("center.id", center.id(), 200);
        each("center.holidays", center.holidaysOrEmpty(), 1000, (i, day) -> date("center.holidays[" + i + "]", day));
        DecisionRequest.Family family = r.familyOrDefault();
        text("family.id", family.id(), 200);
        DecisionRequest.Contact contact = family.contactOrEmpty();
        text("family.contact.firstName", contact.firstName(), 200);
        text("family.contact.lastName", contact.lastName(), 200);
        text("family.contact.email", contact.email(), 320);
        text("family.contact.phone", contact.phone(), 40);
        each("family.contact.optedOut", contact.optedOutOrEmpty(), 10, (i, c) -> notNull("family.contact.optedOut[" + i + "]", c));
        each("family.children", family.children() == null ? List.of() : family.children(), MAX_SMALL_LIST,
                (i, c) -> notNull("family.children[" + i + "]", c));
        each("family.flags", family.flagsOrEmpty(), MAX_SMALL_LIST, (i, f) -> notNull("family.flags[" + i + "]", f));

        DecisionRequest.Invoice invoice = r.invoice();
        if (invoice.id().isBlank()) {
            add("invoice.id", "must not be blank");
        }
        text("invoice.id", invoice.id(), 200);
        date("invoice.issuedOn", invoice.issuedOn());
        date("invoice.dueOn", invoice.dueOn());
        money("invoice.balance", invoice.balance());
        money("invoice.total", invoice.total());
        text("invoice.currency", invoice.currency(), 10);
        each("invoice.payments", invoice.paymentsOrEmpty(), MAX_HISTORY, (i, p) -> {
            String at = "invoice.payments[" + i + "]";
            if (p == null) {
                add(at, "must be an object");
            } else {
                money(at + ".amount", p.amount());
                date(at + ".on", p.on());
            }
        });

        DecisionRequest.History history = r.historyOrDefault();
        each("history.contacts", history.contactsOrEmpty(), MAX_HISTORY, (i, c) -> {
            String at = "history.contacts[" + i + "]";
            if (c == null || c.at() == null) {
                add(at + ".at", "is required");
            } else {
                instant(at + ".at", c.at());
                text(at + ".invoiceId", c.invoiceId(), 200);
                if (c.daysBefore() != null && (c.daysBefore() < 0 || c.daysBefore() > 3660)) {
                    add(at + ".daysBefore", "must be between 0 and 3660");
                }
            }
        });
        each("history.tasks", history.tasksOrEmpty(), MAX_HISTORY, (i, task) -> {
            String at = "history.tasks[" + i + "]";
            if (task == null || task.type() == null) {
                add(at + ".type", "is required");
            } else {
                instant(at + ".at", task.at());
                text(at + ".invoiceId", task.invoiceId(), 200);
            }
        });
        each("history.replies", history.repliesOrEmpty(), MAX_HISTORY, (i, reply) -> {
            String at = "history.replies[" + i + "]";
            if (reply == null || reply.at() == null) {
                add(at + ".at", "is required");
            } else if (reply.sentiment() == null) {
                add(at + ".sentiment", "is required");
            } else {
                instant(at + ".at", reply.at());
                date(at + ".promisedOn", reply.promisedOn());
                if (reply.confidence() != null
                        && (reply.confidence().signum() < 0 || reply.confidence().compareTo(BigDecimal.ONE) > 0)) {
                    add(at + ".confidence", "must be between 0 and 1");
                }
            }
        });
        each("history.pastInvoices", history.pastInvoicesOrEmpty(), MAX_HISTORY, (i, past) -> {
            String at = "history.pastInvoices[" + i + "]";
            if (past == null || past.dueOn() == null) {
                add(at + ".dueOn", "is required");
            } else {
                date(at + ".dueOn", past.dueOn());
                date(at + ".paidOn", past.paidOn());
                text(at + ".id", past.id(), 200);
            }
        });
    }

    private void money(String field, BigDecimal amount) {
        if (amount != null) {
            String problem = Money.problem(amount);
            if (problem != null) {
                add(field, problem);
            }
        }
    }

    private void instant(String field, Instant at) {
        if (!When.sane(at)) {
            add(field, When.RANGE);
        }
    }

    private void date(String field, LocalDate day) {
        if (!When.sane(day)) {
            add(field, When.RANGE);
        }
    }

    private void text(String field, String value, int max) {
        if (value != null && value.length() > max) {
            add(field, "must be at most " + max + " characters");
        }
    }

    private void notNull(String field, Object value) {
        if (value == null) {
            add(field, "must not be null");
        }
    }

    private interface Item<T> {
        void check(int index, T item);
    }

    private <T> void each(String field, List<T> items, int max, Item<T> check) {
        if (items.size() > max) {
            add(field, "holds " + items.size() + " entries, at most " + max);
            return;
        }
        for (int i = 0; i < items.size(); i++) {
            check.check(i, items.get(i));
        }
    }

    private void add(String field, String message) {
        errors.add(new FieldError(field, message));
    }
}
