package app.dunwell.messaging;

import app.dunwell.decision.Channel;
import io.quarkus.qute.Engine;
import io.quarkus.qute.Template;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The offline wording: one Qute template per reminder kind and channel ({@code KIND.CHANNEL.txt}, a
 * {@code Subject:} line, a blank line, the body). A center edits its own copy in
 * {@code <dunwell.messaging.templates-dir>/<centerId>/}; otherwise the shipped one in
 * {@code templates/messages/} is used.
 */
@ApplicationScoped
public class TemplateWording {
    private final Engine engine;
    private final MessagingConfig config;

    public TemplateWording(Engine engine, MessagingConfig config) {
        this.engine = engine;
        this.config = config;
    }

    public Message word(MessageFacts facts, String centerId) {
        String source = templateText(facts, centerId);
        Template template = engine.parse(source);
        String text = template.data(data(facts)).render().strip();
        String subject = null;
        String body = text;
        if (text.startsWith("Subject:")) {
            int end = text.indexOf('\n');
            subject = (end < 0 ? text : text.substring(0, end)).substring("Subject:".length()).strip();
            body = end < 0 ? "" : text.substring(end + 1).strip();
        }
        body = body.replaceAll("\n{3,}", "\n\n");
        return new Message(facts.channel(), facts.channel() == Channel.SMS ? null : subject, body, "template", null);
    }

    private String templateText(MessageFacts facts, String centerId) {
        String name = facts.kind() + "." + facts.channel() + ".txt";
        if (centerId != null && centerId.matches("[A-Za-z0-9._-]+")) {
            Path own = Path.of(config.templatesDir(), centerId, name);
            if (Files.isRegularFile(own)) {
                try {
                    return Files.readString(own);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("templates/messages/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no template " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> data(MessageFacts facts) {
        Map<String, Object> data = new HashMap<>();
        data.put("familyFirstName", Optional.ofNullable(facts.familyFirstName()).orElse("there"));
        data.put("children", String.join(" and ", facts.childFirstNames()));
        data.put("invoiceNumber", facts.invoiceNumber());
        data.put("balance", facts.balanceText());
        data.put("dueOn", facts.dueOnText());
        data.put("paymentLink", facts.paymentLink());
        data.put("hardship", facts.hardship());
        data.put("centerName", Optional.ofNullable(facts.centerName()).orElse("Your child care center"));
        data.put("installments", facts.installments().stream()
                .map(i -> Map.of("amount", MessageFormats.money(i.amount(), facts.currency()), "dueOn", MessageFormats.date(i.dueOn())))
                .toList());
        return data;
    }
}
