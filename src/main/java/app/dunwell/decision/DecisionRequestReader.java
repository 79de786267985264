package app.dunwell.decision;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

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
        JsonNode tree = JsonMapping.readTree(mapper, body);
        if (!tree.isObject()) {
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
        DecisionRequest request = JsonMapping.treeToValue(mapper, tree, DecisionRequest.class, "");
        new RequestLimits(errors).check(request);
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
}
