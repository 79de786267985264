package app.dunwell.decision;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a request body into a {@link DecisionRequest}, or says every field that is missing, of the
 * wrong type or impossible. Nothing here decides anything.
 */
public final class DecisionRequestReader {
    private final ObjectMapper mapper;

    public DecisionRequestReader(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public DecisionRequest read(byte[] body) {
        return read(tree(body));
    }

    /** The body as a JSON object, or a problem naming the body. */
    public JsonNode tree(byte[] body) {
        JsonNode tree;
        try {
            tree = mapper.readTree(body);
        } catch (IOException e) {
            throw new InvalidRequestException("body", "not valid JSON: " + JsonMapping.firstLine(e.getMessage()));
        }
        if (tree == null || !tree.isObject()) {
            throw new InvalidRequestException("body", "must be a JSON object");
        }
        return tree;
    }

    public DecisionRequest read(JsonNode tree) {
        List<FieldError> errors = new ArrayList<>();
        requirePresent(tree, "asOf", errors);
        requirePresent(tree, "invoice", errors);
        requirePresent(tree.path("invoice"), "invoice.id", errors);
        requirePresent(tree.path("invoice"), "invoice.balance", errors);
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        DecisionRequest request;
        try {
            request = mapper.treeToValue(tree, DecisionRequest.class);
        } catch (JsonMappingException e) {
            throw new InvalidRequestException(JsonMapping.pathOf(e, ""), JsonMapping.describe(e));
        } catch (JsonProcessingException e) {
            throw new InvalidRequestException("body", JsonMapping.firstLine(e.getOriginalMessage()));
        }
        errors.addAll(impossibleValues(request));
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        return request;
    }

    private static void requirePresent(JsonNode parent, String path, List<FieldError> errors) {
        String name = path.substring(path.lastIndexOf('.') + 1);
        if (parent.isObject() || parent.isMissingNode()) {
            JsonNode value = parent.path(name);
            if (value.isMissingNode() || value.isNull()) {
                errors.add(new FieldError(path, "is required"));
            }
        }
    }

    private static List<FieldError> impossibleValues(DecisionRequest r) {
        List<FieldError> errors = new ArrayList<>();
        DecisionRequest.Invoice invoice = r.invoice();
        if (invoice.id().isBlank()) {
            errors.add(new FieldError("invoice.id", "must not be blank"));
        }
        money(errors, "invoice.balance", invoice.balance());
        money(errors, "invoice.total", invoice.total());
        List<DecisionRequest.Payment> payments = invoice.paymentsOrEmpty();
        for (int i = 0; i < payments.size(); i++) {
            if (payments.get(i) == null) {
                errors.add(new FieldError("invoice.payments[" + i + "]", "must be an object"));
            } else {
                money(errors, "invoice.payments[" + i + "].amount", payments.get(i).amount());
            }
        }
        DecisionRequest.History history = r.historyOrDefault();
        List<DecisionRequest.PastContact> contacts = history.contactsOrEmpty();
        for (int i = 0; i < contacts.size(); i++) {
            String at = "history.contacts[" + i + "]";
            DecisionRequest.PastContact c = contacts.get(i);
            if (c == null || c.at() == null) {
                errors.add(new FieldError(at + ".at", "is required"));
            } else if (c.daysBefore() != null && c.daysBefore() < 0) {
                errors.add(new FieldError(at + ".daysBefore", "must not be negative"));
            }
        }
        List<DecisionRequest.PastTask> tasks = history.tasksOrEmpty();
        for (int i = 0; i < tasks.size(); i++) {
            if (tasks.get(i) == null || tasks.get(i).type() == null) {
                errors.add(new FieldError("history.tasks[" + i + "].type", "is required"));
            }
        }
        List<DecisionRequest.Reply> replies = history.repliesOrEmpty();
        for (int i = 0; i < replies.size(); i++) {
            DecisionRequest.Reply reply = replies.get(i);
            if (reply == null || reply.at() == null) {
                errors.add(new FieldError("history.replies[" + i + "].at", "is required"));
            } else if (reply.sentiment() == null) {
                errors.add(new FieldError("history.replies[" + i + "].sentiment", "is required"));
            } else if (reply.confidence() != null
                    && (reply.confidence().signum() < 0 || reply.confidence().compareTo(BigDecimal.ONE) > 0)) {
                errors.add(new FieldError("history.replies[" + i + "].confidence", "must be between 0 and 1"));
            }
        }
        List<DecisionRequest.PastInvoice> past = history.pastInvoicesOrEmpty();
        for (int i = 0; i < past.size(); i++) {
            if (past.get(i) == null || past.get(i).dueOn() == null) {
                errors.add(new FieldError("history.pastInvoices[" + i + "].dueOn", "is required"));
            }
        }
        return errors;
    }

    private static void money(List<FieldError> errors, String field, BigDecimal amount) {
        if (amount == null) {
            return;
        }
        if (amount.signum() < 0) {
            errors.add(new FieldError(field, "must not be negative"));
        } else if (amount.stripTrailingZeros().scale() > 2) {
            errors.add(new FieldError(field, "must be a whole number of cents (two decimal places at most)"));
        }
    }
}
