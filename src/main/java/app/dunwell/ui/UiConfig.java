package app.dunwell.ui;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** The web UI at {@code /ui/}: how long a signed-in session lasts, and whether its cookie needs HTTPS. */
@ConfigMapping(prefix = "dunwell.ui")
public interface UiConfig {
    /** A session ends this long after sign-in (sooner when its key is revoked or the person signs out). */
    @WithDefault("8h")
    Duration sessionLength();

    /** Whether the session cookie is sent over HTTPS only; dev and tests on plain http turn it off. */
    @WithDefault("true")
    boolean secureCookie();
}
