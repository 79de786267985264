package app.dunwell.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/** Billing-platform webhooks refused before anything was stored, because their signature could not be verified. */
@Startup
@ApplicationScoped
public class WebhookMetrics {
    /** Why a webhook was refused. */
    public enum Refusal {
        /** The body is not a JSON object: nothing names whose secret to verify with. */
        UNREADABLE,
        /** {@code data.centerId} is missing or names no center. */
        UNKNOWN_CENTER,
        /** A {@code webhook-id}, {@code webhook-timestamp} or {@code webhook-signature} header is missing or malformed. */
        MISSING_HEADERS,
        /** The timestamp is more than five minutes away from now (a replay, or a clock far off). */
        STALE_TIMESTAMP,
        /** No signature matches the center's secret. */
        BAD_SIGNATURE
    }

    private final Map<Refusal, Counter> refused = new EnumMap<>(Refusal.class);

    public WebhookMetrics(MeterRegistry registry) {
        for (Refusal r : Refusal.values()) {
            refused.put(r, Counter.builder("dunwell.webhooks.refused")
                    .description("Webhooks refused because their signature could not be verified, by reason")
                    .tag("reason", r.name().toLowerCase(Locale.ROOT)).register(registry));
        }
    }

    public void refused(Refusal reason) {
        refused.get(reason).increment();
    }
}
