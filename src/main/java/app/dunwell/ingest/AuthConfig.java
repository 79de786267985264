package app.dunwell.ingest;

import io.smallrye.config.ConfigMapping;

import java.util.Optional;

/** Access. {@code bootstrap-key}: a key given at start-up that may set up centers (first setup, operations). */
@ConfigMapping(prefix = "dunwell.auth")
public interface AuthConfig {
    Optional<String> bootstrapKey();
}
