package app.dunwell.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Decisions made ({@code dunwell_decisions_total{source, outcome, ruleset}}) and how long deciding took
 * ({@code dunwell_decision_seconds{source}}, a histogram: {@code histogram_quantile(0.99, ...)} gives the p99). The time is
 * that of the engine deciding one request, not of storing it (the HTTP server's own timer covers the whole request).
 * On the decision path: a counter is built once per tag set and kept, so a decision costs two map lookups and two adds.
 */
@Startup
@ApplicationScoped
public class DecisionMetrics {
    /** Who asked: the decision endpoints, or an evaluation run. */
    public enum Source {
        API, RUN;

        final String label = name().toLowerCase(Locale.ROOT);
    }

    /** The outcome of a decision that threw instead of answering. */
    public static final String ERROR = "error";

    private record Key(Source source, String outcome, String ruleset) {
    }

    private final MeterRegistry registry;
    private final Map<Key, Counter> counters = new ConcurrentHashMap<>();
    private final Map<Source, Timer> timers = new EnumMap<>(Source.class);

    public DecisionMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (Source source : Source.values()) {
            timers.put(source, Timer.builder("dunwell.decision")
                    .description("Time the engine took to decide one request")
                    .tag("source", source.label)
                    .publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofNanos(50_000))
                    .maximumExpectedValue(Duration.ofSeconds(10))
                    .register(registry));
        }
    }

    /**
     * One decision made by {@code ruleset} in {@code nanos}; {@code outcome} is one of a closed set of words
     * ({@code app.dunwell.decision.DecisionOutcome}), or {@link #ERROR}.
     */
    public void decided(Source source, String outcome, String ruleset, long nanos) {
        Key key = new Key(source, outcome, ruleset == null ? "none" : ruleset);
        Counter counter = counters.get(key);
        if (counter == null) {
            counter = counters.computeIfAbsent(key, k -> Counter.builder("dunwell.decisions")
                    .description("Decisions made, by who asked, outcome and ruleset version")
                    .tag("source", k.source().label).tag("outcome", k.outcome()).tag("ruleset", k.ruleset())
                    .register(registry));
        }
        counter.increment();
        timers.get(source).record(nanos, TimeUnit.NANOSECONDS);
    }
}
