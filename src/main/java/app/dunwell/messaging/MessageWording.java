package app.dunwell.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.List;

/**
 * Words a reminder: by the model when one is configured and its text passes the guard, otherwise (no
 * model, a guard violation, a timeout, an error) by the center's template. Every fallback is logged.
 */
@ApplicationScoped
public class MessageWording {
    private static final Logger LOG = Logger.getLogger(MessageWording.class);

    private final TemplateWording templates;
    private final LlmWording llm;
    private final MessagingConfig config;

    public MessageWording(TemplateWording templates, LlmWording llm, MessagingConfig config) {
        this.templates = templates;
        this.llm = llm;
        this.config = config;
    }

    public Message word(MessageFacts facts, String centerId) {
        if (!config.llmEnabled()) {
            return templates.word(facts, centerId);
        }
        String reason;
        try {
            Message worded = llm.word(facts);
            List<String> violations = MessageGuard.violations(worded, facts);
            if (violations.isEmpty()) {
                return worded;
            }
            reason = "guard: " + String.join("; ", violations);
        } catch (RuntimeException e) {
            reason = "model failed: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
        // The reason quotes the model's text, so the log says only what kind of failure it was.
        LOG.warnf("Worded %s %s for invoice %s with the template instead of the model (%s)",
                facts.kind(), facts.channel(), facts.invoiceNumber(), reason.startsWith("guard") ? "the guard refused its text" : "the model failed");
        return templates.word(facts, centerId).withFallbackReason(reason);
    }
}
