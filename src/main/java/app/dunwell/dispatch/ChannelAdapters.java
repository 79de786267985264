package app.dunwell.dispatch;

import app.dunwell.decision.Channel;
import app.dunwell.messaging.Message;
import io.quarkus.mailer.Mail;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Sends a worded message on its channel: email through quarkus-mailer ({@link EmailSender}) to the SMTP server of {@code dunwell.dispatch.smtp.*}
 * (mapped onto {@code quarkus.mailer.*}), SMS and in-app through REST clients to the providers of
 * {@code dunwell.dispatch.sms-url} and {@code in-app-url}. Every call carries the outbox row's id (the email's
 * {@code Message-ID}, the providers' {@code Idempotency-Key}), so a retry after a lost answer is recognisable.
 *
 * <p>What is permanent (trying again cannot help): no provider configured, no address, a bad email address, a 4xx answer
 * other than 429. Everything else (5xx, 429, timeouts, connection errors, SMTP errors) is retried by the dispatcher.
 */
@ApplicationScoped
public class ChannelAdapters {
    /** As the hand-written client had them; the mailer bounds a whole SMTP exchange by quarkus.mailer.timeout (10 s). */
    static final long CONNECT_TIMEOUT_SECONDS = 5;
    static final long READ_TIMEOUT_SECONDS = 10;

    private final DispatchConfig config;
    private final EmailSender emailSender;
    private final Optional<SmsProvider> sms;
    private final Optional<InAppProvider> inApp;

    ChannelAdapters(DispatchConfig config, EmailSender emailSender) {
        this.config = config;
        this.emailSender = emailSender;
        this.sms = config.smsUrl().map(url -> client(url, SmsProvider.class));
        this.inApp = config.inAppUrl().map(url -> client(url, InAppProvider.class));
    }

    private static <T> T client(String url, Class<T> type) {
        return QuarkusRestClientBuilder.newBuilder().baseUri(URI.create(url))
                .connectTimeout(CONNECT_TIMEOUT_SECONDS, TimeUnit.SECONDS).readTimeout(READ_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                // Every answer comes back as a Response: the status decides between permanent and retried, not an exception.
                .disableDefaultMapper(true).followRedirects(false)
                .build(type);
    }

    @PreDestroy
    void close() {
        sms.ifPresent(ChannelAdapters::closeClient);
        inApp.ifPresent(ChannelAdapters::closeClient);
    }

    private static void closeClient(Object client) {
        if (client instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception ignored) {
                // closing at shutdown: nothing left to do
            }
        }
    }

    /** Who receives it on the channel. */
    public record Recipient(String familyId, String email, String phone) {
    }

    /** Sends {@code message}, the delivery of outbox row {@code outboxId}, to {@code to} about {@code invoiceId}. */
    public void send(Message message, Recipient to, String invoiceId, UUID outboxId) throws DeliveryException {
        String key = outboxId.toString();
        if (message.channel() == Channel.EMAIL) {
            email(message, to, key);
        } else if (message.channel() == Channel.SMS) {
            SmsProvider provider = sms.orElseThrow(() -> new DeliveryException("no SMS provider configured", true));
            SmsProvider.Sms body = new SmsProvider.Sms(required(to.phone(), "phone number"), message.body(), invoiceId);
            post(() -> provider.send(key, body));
        } else {
            InAppProvider provider = inApp.orElseThrow(() -> new DeliveryException("no in-app provider configured", true));
            InAppProvider.InAppMessage body = new InAppProvider.InAppMessage(to.familyId(),
                    message.subject() == null ? "" : message.subject(), message.body(), invoiceId);
            post(() -> provider.send(key, body));
        }
    }

    private void email(Message message, Recipient to, String key) throws DeliveryException {
        Mail mail = Mail.withText(required(to.email(), "email address"), message.subject() == null ? "" : message.subject(), message.body())
                .setFrom(config.smtp().from())
                .addHeader("Message-ID", "<" + key + "@dunwell>");
        try {
            emailSender.send(mail);
        } catch (IllegalArgumentException e) {
            // The mailer refuses an address it cannot parse (it logs that it did, without the address).
            throw new DeliveryException("bad email address", true);
        } catch (io.smallrye.mutiny.TimeoutException e) {
            throw new DeliveryException("SMTP: no answer within the mailer's timeout", false);
        } catch (RuntimeException e) {
            throw new DeliveryException("SMTP: " + rootMessage(e), false);
        }
    }

    private interface Call {
        Response call();
    }

    private static void post(Call call) throws DeliveryException {
        int status;
        try (Response response = call.call()) {
            status = response.getStatus();
        } catch (WebApplicationException e) {
            status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        } catch (ProcessingException e) {
            throw new DeliveryException("provider unreachable: " + rootMessage(e), false);
        }
        if (status >= 400) {
            boolean permanent = status < 500 && status != 429;
            throw new DeliveryException("provider answered " + status, permanent);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    private static String required(String value, String what) throws DeliveryException {
        if (value == null || value.isBlank()) {
            throw new DeliveryException("no " + what, true);
        }
        return value;
    }
}
