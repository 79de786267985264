package app.dunwell.messaging;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Wording and reply classification settings. */
@ConfigMapping(prefix = "dunwell.messaging")
public interface MessagingConfig {
    /** Where centers keep their own message templates ({@code <dir>/<centerId>/KIND.CHANNEL.txt}). */
    @WithDefault("templates")
    String templatesDir();

    /** Whether an OpenAI-compatible model words messages and classifies replies (configured by quarkus.langchain4j.openai.*). */
    @WithDefault("false")
    boolean llmEnabled();
}
