package app.dunwell.ingest;

import app.dunwell.state.StoredReply;
import app.dunwell.state.StoredPayment;
import app.dunwell.state.StoredInvoice;
import app.dunwell.state.StoredFamily;
import app.dunwell.state.Center;
import app.dunwell.state.SecretsAtRest;
import app.dunwell.state.JsonColumns;
import app.dunwell.decision.FieldError;
import app.dunwell.decision.InvalidRequestException;
import app.dunwell.decision.JsonMapping;
import app.dunwell.decision.Money;
import app.dunwell.decision.When;
import app.dunwell.metrics.WebhookMetrics;
import app.dunwell.metrics.WebhookMetrics.Refusal;
import app.dunwell.messaging.ReplyClassification;
import app.dunwell.messaging.ReplyClassifier;
import app.dunwell.policy.Settings;
import app.dunwell.ruleset.ActiveRuleset;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.standardwebhooks.Webhook;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Receives a billing platform's webhook: checks its Standard Webhooks signature with the center's
 * secret (a bad or stale one stores nothing), records its id once (a repeat is acknowledged and not
 * applied again), and applies it to the stored state in the same transaction.
 */
@ApplicationScoped
public class WebhookIngest {
    private final EntityManager em;
    private final ObjectMapper mapper;
    private final ReplyClassifier classifier;
    private final ActiveRuleset rulesets;
    private final SecretsAtRest secrets;
    private final app.dunwell.events.EventLog events;
    private final WebhookMetrics metrics;

    public WebhookIngest(EntityManager em, ObjectMapper mapper, ReplyClassifier classifier, ActiveRuleset rulesets, SecretsAtRest secrets,
                         app.dunwell.events.EventLog events, WebhookMetrics metrics) {
        this.events = events;
        this.metrics = metrics;
        this.secrets = secrets;
        this.em = em;
        this.mapper = mapper;
        this.classifier = classifier;
        this.rulesets = rulesets;
    }

    /** What happened to a webhook. */
    public record Receipt(String webhookId, String type, boolean duplicate) {
    }

    /** A webhook whose signature could not be verified. */
    public static class UnauthenticatedException extends RuntimeException {
        public UnauthenticatedException(String message) {
            super(message);
        }
    }

    @Transactional
    public Receipt receive(String source, Map<String, List<String>> headers, byte[] body) {
        String payload = new String(body == null ? new byte[0] : body, StandardCharsets.UTF_8);
        JsonNode tree;
        try {
            tree = JsonMapping.readTree(mapper, body);
        } catch (InvalidRequestException e) {
            if (e.errors().get(0).field().equals("body")) {
                throw refused(Refusal.UNREADABLE, "the signature cannot be verified");
            }
            throw e;
        }
        if (!tree.isObject()) {
            throw refused(Refusal.UNREADABLE, "the signature cannot be verified");
        }
        String centerId = tree.path("data").path("centerId").isTextual() ? tree.path("data").path("centerId").asText() : null;
        Center center = centerId == null ? null : Center.findById(centerId);
        if (center == null) {
            throw refused(Refusal.UNKNOWN_CENTER, "the signature cannot be verified");
        }
        try {
            new Webhook(secrets.open(center.webhookSecret)).verify(payload, headers);
        } catch (Exception e) {
            throw refused(refusalOf(e), "bad or stale signature");
        }
        String webhookId = first(headers, "webhook-id");
        if (webhookId.length() > 200 || webhookId.indexOf('\0') >= 0 || source.length() > 100 || source.indexOf('\0') >= 0) {
            throw new InvalidRequestException(webhookId.length() > 200 || webhookId.indexOf('\0') >= 0 ? "webhook-id" : "source",
                    "at most 200 characters, without the NUL character");
        }
        return apply(center, source, webhookId, (ObjectNode) tree);
    }

    private UnauthenticatedException refused(Refusal reason, String message) {
        metrics.refused(reason);
        return new UnauthenticatedException(message);
    }

    /** Why the Standard Webhooks library refused a signature, from its messages ("Missing required headers", "Message timestamp too old", ...). */
    static Refusal refusalOf(Exception e) {
        String message = e.getMessage() == null ? "" : e.getMessage().toLowerCase(java.util.Locale.ROOT);
        if (message.contains("timestamp too")) {
            return Refusal.STALE_TIMESTAMP;
        }
        if (message.contains("missing required headers") || message.contains("invalid signature headers")) {
            return Refusal.MISSING_HEADERS;
        }
        return Refusal.BAD_SIGNATURE;
    }

    private Receipt apply(Center center, String source, String webhookId, ObjectNode event) {
        String type = event.path("type").asText("");
        int inserted = em.createNativeQuery("insert into webhook_event (center_id, webhook_id, source, type, payload) "
                        + "values (?1, ?2, ?3, ?4, cast(?5 as jsonb)) on conflict do nothing")
                .setParameter(1, center.id).setParameter(2, webhookId).setParameter(3, source).setParameter(4, type)
                .setParameter(5, event.toString())
                .executeUpdate();
        if (inserted == 0) {
            return new Receipt(webhookId, type, true);
        }
        JsonNode data = event.path("data");
        switch (type) {
            case "invoice.created", "invoice.updated", "invoice.overdue", "invoice.past_due" ->
                    applyInvoice(center, read(data, WebhookEvents.InvoiceData.class), type.equals("invoice.created"));
            case "payment.succeeded", "payment.failed" ->
                    applyPayment(center, read(data, WebhookEvents.PaymentData.class), type.equals("payment.succeeded"));
            case "family.updated" -> applyFamily(center, read(data, WebhookEvents.FamilyData.class));
            case "reply.received" -> applyReply(center, read(data, WebhookEvents.ReplyData.class));
            default -> throw new InvalidRequestException("type", "'" + type + "' is not an event Dunwell takes "
                    + "(invoice.created, invoice.updated, invoice.overdue, invoice.past_due, payment.succeeded, "
                    + "payment.failed, family.updated, reply.received)");
        }
        return new Receipt(webhookId, type, false);
    }

    /** The invoice, locked until this event is stored: an evaluation run deciding it at the same time waits, or is waited for. */
    private static Optional<StoredInvoice> lockedInvoice(Center center, String invoiceId) {
        return StoredInvoice.<StoredInvoice>find("centerId = ?1 and externalId = ?2", center.id, invoiceId)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    private void applyInvoice(Center center, WebhookEvents.InvoiceData d, boolean created) {
        require(d.invoiceId(), "data.invoiceId");
        When.check(d.issuedOn(), "data.issuedOn");
        When.check(d.dueOn(), "data.dueOn");
        Money.check(d.total(), "data.total");
        Money.check(d.balance(), "data.balance");
        StoredInvoice invoice = lockedInvoice(center, d.invoiceId()).orElse(null);
        if (invoice == null) {
            invoice = new StoredInvoice();
            invoice.id = UUID.randomUUID();
            invoice.centerId = center.id;
            invoice.externalId = d.invoiceId();
            invoice.currency = "USD";
            invoice.status = "UNPAID";
            invoice.balance = BigDecimal.ZERO;
        }
        if (d.familyId() != null) invoice.familyId = d.familyId();
        if (d.issuedOn() != null) invoice.issuedOn = d.issuedOn();
        if (d.dueOn() != null) invoice.dueOn = d.dueOn();
        if (d.total() != null) invoice.total = d.total();
        if (d.currency() != null) invoice.currency = d.currency();
        if (d.status() != null) invoice.status = d.status().name();
        if (d.statusSetManually() != null) invoice.statusSetManually = d.statusSetManually();
        if (d.automationEnabled() != null) invoice.automationEnabled = d.automationEnabled();
        if (d.lateFeeAssessed() != null) invoice.lateFeeAssessed = d.lateFeeAssessed();
        if (d.balance() != null) {
            invoice.balance = d.balance();
        } else if (created && invoice.total != null) {
            invoice.balance = invoice.total.subtract(paidOn(center.id, d.invoiceId())).max(BigDecimal.ZERO);
        }
        if (invoice.dueOn == null && invoice.issuedOn != null) {
            invoice.dueOn = invoice.issuedOn.plusDays(settingsOf(center).dueDays());
        }
        invoice.updatedAt = Instant.now();
        invoice.persist();
    }

    private void applyPayment(Center center, WebhookEvents.PaymentData d, boolean succeeded) {
        require(d.paymentId(), "data.paymentId");
        require(d.invoiceId(), "data.invoiceId");
        if (d.amount() == null || d.amount().signum() <= 0) {
            throw new InvalidRequestException("data.amount", "must be a positive amount");
        }
        Money.check(d.amount(), "data.amount");
        When.check(d.paidOn(), "data.paidOn");
        Money.check(d.balance(), "data.balance");
        if (StoredPayment.count("centerId = ?1 and externalId = ?2", center.id, d.paymentId()) > 0) {
            return;
        }
        StoredPayment payment = new StoredPayment();
        payment.id = UUID.randomUUID();
        payment.centerId = center.id;
        payment.externalId = d.paymentId();
        payment.invoiceId = d.invoiceId();
        payment.amount = d.amount();
        payment.paidOn = d.paidOn();
        payment.succeeded = succeeded;
        payment.receivedAt = Instant.now();
        payment.persist();
        lockedInvoice(center, d.invoiceId()).ifPresent(invoice -> {
                    if (d.balance() != null) {
                        invoice.balance = d.balance();
                    } else if (succeeded) {
                        invoice.balance = invoice.balance.subtract(d.amount()).max(BigDecimal.ZERO);
                    }
                    if (invoice.balance.signum() == 0 && invoice.paidOn == null) {
                        invoice.paidOn = d.paidOn() == null ? LocalDate.now(ZoneId.of(center.timezone)) : d.paidOn();
                    }
                    invoice.updatedAt = Instant.now();
                });
    }

    private void applyFamily(Center center, WebhookEvents.FamilyData d) {
        require(d.familyId(), "data.familyId");
        StoredFamily family = StoredFamily.<StoredFamily>find("centerId = ?1 and externalId = ?2", center.id, d.familyId())
                .firstResultOptional().orElse(null);
        if (family == null) {
            family = new StoredFamily();
            family.id = UUID.randomUUID();
            family.centerId = center.id;
            family.externalId = d.familyId();
            family.optedOut = "[]";
            family.flags = "[]";
            family.children = "[]";
        }
        if (d.firstName() != null) family.firstName = d.firstName();
        if (d.lastName() != null) family.lastName = d.lastName();
        if (d.email() != null) family.email = d.email();
        if (d.phone() != null) family.phone = d.phone();
        if (d.preferredChannel() != null) family.preferredChannel = d.preferredChannel().name();
        if (d.optedOut() != null) family.optedOut = JsonColumns.write(mapper, d.optedOut());
        if (d.flags() != null) family.flags = JsonColumns.write(mapper, d.flags());
        if (d.children() != null) family.children = JsonColumns.write(mapper, d.children());
        family.updatedAt = Instant.now();
        family.persist();
    }

    private void applyReply(Center center, WebhookEvents.ReplyData d) {
        require(d.familyId(), "data.familyId");
        require(d.text(), "data.text");
        if (d.text().length() > 5000) {
            throw new InvalidRequestException("data.text", "at most 5000 characters");
        }
        When.check(d.receivedAt(), "data.receivedAt");
        Instant at = d.receivedAt() == null ? Instant.now() : d.receivedAt();
        ReplyClassification c = classifier.classify(d.text(), at.atZone(ZoneId.of(center.timezone)).toLocalDate());
        StoredReply reply = new StoredReply();
        reply.id = UUID.randomUUID();
        reply.centerId = center.id;
        reply.familyId = d.familyId();
        reply.invoiceId = d.invoiceId();
        reply.text = d.text();
        reply.channel = d.channel() == null ? null : d.channel().name();
        reply.receivedAt = at;
        reply.sentiment = c.sentiment().name();
        reply.confidence = BigDecimal.valueOf(c.confidence());
        reply.promisedOn = c.promisedOn();
        reply.classifier = c.classifier();
        reply.persist();
        if (!app.dunwell.effects.CenterGate.of(center, d.familyId(), mapper).shadow()) {
            Map<String, Object> data = new java.util.LinkedHashMap<>();
            data.put("sentiment", c.sentiment().name());
            data.put("confidence", c.confidence());
            data.put("promisedOn", c.promisedOn());
            events.record(new app.dunwell.events.EventLog.Draft("reply.classified", at, center.id, d.invoiceId(), d.familyId(), null, null,
                    data, "reply:" + reply.id + ":classified"));
        }
    }

    private BigDecimal paidOn(String centerId, String invoiceId) {
        return StoredPayment.<StoredPayment>list("centerId = ?1 and invoiceId = ?2 and succeeded = true", centerId, invoiceId)
                .stream().map(p -> p.amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private Settings settingsOf(Center center) {
        var ruleset = rulesets.current().orElseThrow(() -> new IllegalStateException("no valid ruleset for the center's settings"));
        try {
            return ruleset.settings((ObjectNode) mapper.readTree(center.settings));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> T read(JsonNode data, Class<T> type) {
        if (!data.isObject()) {
            throw new InvalidRequestException("data", "is required");
        }
        return JsonMapping.treeToValue(mapper, data, type, "data");
    }


    private static void require(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new InvalidRequestException(field, "is required");
        }
    }

    private static String first(Map<String, List<String>> headers, String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

}
