package app.dunwell.access;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How many requests a caller may make: per key, and per address for calls without a key. */
@ConfigMapping(prefix = "dunwell.rate-limit")
public interface RateLimitConfig {
    @WithDefault("true")
    boolean enabled();

    /** Requests per second a key may make on average, and how many it may make at once. */
    @WithDefault("100")
    int perKey();

    @WithDefault("200")
    int perKeyBurst();

    /** Requests per second an address may make without a key (webhooks, open decisions), and at once. */
    @WithDefault("50")
    int perAddress();

    @WithDefault("100")
    int perAddressBurst();
}
