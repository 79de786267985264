package app.dunwell.metrics;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Settings of the metrics Dunwell serves at {@code /q/metrics}. */
@ConfigMapping(prefix = "dunwell.metrics")
public interface MetricsConfig {
    /**
     * How often the waiting work (outbox, events, runs) is counted in the database. A scrape reads the last count and never
     * queries the database itself.
     */
    @WithDefault("15s")
    Duration waitingRefresh();
}
