package app.dunwell.events;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How events reach a center's {@code eventsUrl}. */
@ConfigMapping(prefix = "dunwell.events")
public interface EventsConfig {
    /** Whether this instance delivers on its own schedule (tests deliver explicitly). */
    @WithDefault("true")
    boolean scheduled();

    /** How often undelivered events are looked at. */
    @WithDefault("1s")
    Duration interval();

    /** The first retry waits this long, each next one twice as long (at most {@link #longestWait()}). */
    @WithDefault("30s")
    Duration firstRetry();

    @WithDefault("1h")
    Duration longestWait();

    /** How long an event is retried before it is marked failed and shown to the center. */
    @WithDefault("3d")
    Duration giveUpAfter();

    /** How long a receiver may take to answer. */
    @WithDefault("10s")
    Duration timeout();

    /**
     * Whether an {@code eventsUrl} may point at a loopback, link-local or private address (a local receiver in dev and
     * tests). Off in production, so that no center can make the service call into its own network.
     */
    @WithDefault("false")
    boolean allowPrivateUrls();
}
