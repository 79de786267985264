package app.dunwell.dispatch;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** Where and how reminders are delivered. */
@ConfigMapping(prefix = "dunwell.dispatch")
public interface DispatchConfig {
    /** Whether this instance delivers on its own schedule (tests and run-once deliver explicitly). */
    @WithDefault("true")
    boolean scheduled();

    /** How often the outbox is looked at. */
    @WithDefault("10s")
    Duration interval();

    /** Attempts before a delivery counts as failed for good (and becomes a task). */
    @WithDefault("5")
    int maxAttempts();

    /** The first retry waits this long; each next one twice as long. */
    @WithDefault("30s")
    Duration firstRetry();

    /** The family's payment link; {invoiceId} is replaced. */
    @WithDefault("https://pay.example.org/invoices/{invoiceId}")
    String paymentLink();

    Smtp smtp();

    /** SMS provider endpoint (JSON POST {to, body, invoiceId}); no SMS without it. */
    Optional<String> smsUrl();

    /** In-app message endpoint (JSON POST {familyId, subject, body, invoiceId}); no in-app message without it. */
    Optional<String> inAppUrl();

    interface Smtp {
        @WithDefault("localhost")
        String host();

        @WithDefault("25")
        int port();

        @WithDefault("billing@dunwell.local")
        String from();
    }
}
