package app.dunwell.access;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Optional;

/** Access to the API. */
@ConfigMapping(prefix = "dunwell.auth")
public interface AuthConfig {
    /** A key given at start-up that acts as an admin of every center (first setup, operations). */
    Optional<String> bootstrapKey();

    /**
     * Whether {@code POST /api/v1/decisions} also answers callers without a key. The decision contract names no
     * authentication, so it does by default; a deployment that wants keys there too sets this to false. A key that is
     * sent is always checked.
     */
    @WithDefault("true")
    boolean openDecisions();
}
