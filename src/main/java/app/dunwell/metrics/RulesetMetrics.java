package app.dunwell.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * Rulesets loaded (at start-up and on every change of the rule files): served, or refused and why
 * ({@code dunwell_ruleset_loads_total{result}}), and the version serving now ({@code dunwell_ruleset_info{version} 1};
 * absent while none serves).
 */
@Startup
@ApplicationScoped
public class RulesetMetrics {
    /** What became of a ruleset that was loaded. */
    public enum Load {
        /** It compiled, every scenario passed: it serves. */
        SERVED,
        /** It does not compile or validate. */
        INVALID,
        /** A scenario fails against it. */
        SCENARIOS_FAILED,
        /** A scenario file cannot be read. */
        SCENARIOS_UNREADABLE
    }

    private final MeterRegistry registry;
    private final Map<Load, Counter> loads = new EnumMap<>(Load.class);
    private Gauge serving;

    public RulesetMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (Load l : Load.values()) {
            loads.put(l, Counter.builder("dunwell.ruleset.loads")
                    .description("Rulesets loaded, by result: served, or the reason it was refused")
                    .tag("result", l.name().toLowerCase(Locale.ROOT)).register(registry));
        }
    }

    /** {@code version} serves from now on. */
    public synchronized void served(String version) {
        loads.get(Load.SERVED).increment();
        if (serving != null && serving.getId().getTag("version").equals(version)) {
            return;
        }
        if (serving != null) {
            registry.remove(serving);
        }
        serving = Gauge.builder("dunwell.ruleset.info", () -> 1).description("The ruleset version serving decisions (value 1)")
                .tag("version", version).strongReference(true).register(registry);
    }

    /** A ruleset was refused; {@code reason} is never {@link Load#SERVED}. */
    public void refused(Load reason) {
        if (reason == Load.SERVED) {
            throw new IllegalArgumentException("a refusal needs a reason");
        }
        loads.get(reason).increment();
    }
}
