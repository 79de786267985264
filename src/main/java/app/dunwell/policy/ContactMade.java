package app.dunwell.policy;

import app.dunwell.decision.Channel;
import app.dunwell.decision.ReminderKind;

import java.time.Instant;

/** A contact the family was sent (any invoice) at or before {@code asOf}. */
public record ContactMade(Instant at, Channel channel, String invoiceId, ReminderKind kind, Integer daysBefore,
                          boolean ofThisInvoice) {
}
