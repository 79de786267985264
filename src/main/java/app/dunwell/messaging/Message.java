package app.dunwell.messaging;

import app.dunwell.decision.Channel;
import com.fasterxml.jackson.annotation.JsonInclude;

/** A worded reminder for one channel. {@code wordedBy} is {@code template} or {@code llm}; a fallback says why. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Message(Channel channel, String subject, String body, String wordedBy, String fallbackReason) {
    public Message withFallbackReason(String reason) {
        return new Message(channel, subject, body, wordedBy, reason);
    }
}
