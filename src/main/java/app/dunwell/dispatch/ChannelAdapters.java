package app.dunwell.dispatch;

import app.dunwell.decision.Channel;
import app.dunwell.messaging.Message;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

/** Sends a worded message on its channel: email over SMTP, SMS and in-app over HTTP to the configured providers. */
@ApplicationScoped
public class ChannelAdapters {
    private final DispatchConfig config;
    private final ObjectMapper mapper;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public ChannelAdapters(DispatchConfig config, ObjectMapper mapper) {
        this.config = config;
        this.mapper = mapper;
    }

    /** Who receives it on the channel. */
    public record Recipient(String familyId, String email, String phone) {
    }

    public void send(Message message, Recipient to, String invoiceId) throws DeliveryException {
        if (message.channel() == Channel.EMAIL) {
            email(message, to);
        } else if (message.channel() == Channel.SMS) {
            post(config.smsUrl().orElseThrow(() -> new DeliveryException("no SMS provider configured", true)),
                    Map.of("to", required(to.phone(), "phone number"), "body", message.body(), "invoiceId", invoiceId));
        } else {
            post(config.inAppUrl().orElseThrow(() -> new DeliveryException("no in-app provider configured", true)),
                    Map.of("familyId", to.familyId(), "subject", message.subject() == null ? "" : message.subject(),
                            "body", message.body(), "invoiceId", invoiceId));
        }
    }

    private void email(Message message, Recipient to) throws DeliveryException {
        Properties props = new Properties();
        props.put("mail.smtp.host", config.smtp().host());
        props.put("mail.smtp.port", String.valueOf(config.smtp().port()));
        props.put("mail.smtp.connectiontimeout", "5000");
        props.put("mail.smtp.timeout", "10000");
        try {
            MimeMessage mime = new MimeMessage(Session.getInstance(props));
            mime.setFrom(new InternetAddress(config.smtp().from()));
            mime.setRecipient(jakarta.mail.Message.RecipientType.TO, new InternetAddress(required(to.email(), "email address"), true));
            mime.setSubject(message.subject() == null ? "" : message.subject(), "UTF-8");
            mime.setText(message.body(), "UTF-8");
            Transport.send(mime);
        } catch (jakarta.mail.internet.AddressException e) {
            throw new DeliveryException("bad email address", true);
        } catch (MessagingException e) {
            throw new DeliveryException("SMTP: " + e.getMessage(), false);
        }
    }

    private void post(String url, Map<String, String> body) throws DeliveryException {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(mapper.writeValueAsString(body))).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 400) {
                boolean permanent = response.statusCode() < 500 && response.statusCode() != 429;
                throw new DeliveryException("provider answered " + response.statusCode(), permanent);
            }
        } catch (IOException e) {
            throw new DeliveryException("provider unreachable: " + e.getMessage(), false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryException("interrupted", false);
        }
    }

    private static String required(String value, String what) throws DeliveryException {
        if (value == null || value.isBlank()) {
            throw new DeliveryException("no " + what, true);
        }
        return value;
    }
}
