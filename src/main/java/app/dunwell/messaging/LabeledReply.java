package app.dunwell.messaging;

import app.dunwell.decision.Sentiment;

import java.time.Instant;
import java.time.LocalDate;

/** One reply of the labeled set in {@code sentiment/replies.jsonl}: text, language, label and split. */
public record LabeledReply(String id, String text, String lang, Sentiment sentiment, String split,
                           Instant receivedAt, LocalDate promisedOn) {
    public boolean heldOut() {
        return "test".equals(split);
    }
}
