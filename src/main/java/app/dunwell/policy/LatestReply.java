package app.dunwell.policy;

import app.dunwell.decision.Channel;
import app.dunwell.decision.Sentiment;

import java.time.Instant;
import java.time.LocalDate;

/**
 * The family's newest reply within {@code replyWindowDays} (of 24 hours, as the contact cap counts them) before {@code asOf}, if any.
 *
 * @param previousContactChannel channel of the newest family contact before the reply (for an opt-out that names none)
 * @param confidence             how sure the classifier was (0 to 1), or null when the request does not say
 */
public record LatestReply(Instant at, Sentiment sentiment, LocalDate promisedOn, Channel channel,
                          Channel previousContactChannel, java.math.BigDecimal confidence) {
}
