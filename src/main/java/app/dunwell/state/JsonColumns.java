package app.dunwell.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Values kept in {@code jsonb} columns, written and read with the application's mapper; a null column reads as empty. */
public final class JsonColumns {
    private JsonColumns() {
    }

    public static String write(ObjectMapper mapper, Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static JsonNode tree(ObjectMapper mapper, String json, String whenNull) {
        try {
            return mapper.readTree(json == null ? whenNull : json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored column is not JSON", e);
        }
    }

    /** A list column ({@code []} when null). */
    public static <T> T read(ObjectMapper mapper, String json, TypeReference<T> type) {
        try {
            return mapper.readValue(json == null ? "[]" : json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored column is not JSON", e);
        }
    }
}
