package app.dunwell.messaging;

import app.dunwell.decision.Sentiment;

import java.time.LocalDate;

/** How a reply reads, how sure the classifier is, the day a promise names, and which classifier said so. */
public record ReplyClassification(Sentiment sentiment, double confidence, LocalDate promisedOn, String classifier) {
}
