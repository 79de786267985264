package app.dunwell.api;

import app.dunwell.decision.JsonMapping;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads a request body into a type, or fails with a problem naming the field that is wrong. */
final class JsonBodies {
    private JsonBodies() {
    }

    static <T> T read(ObjectMapper mapper, byte[] body, Class<T> type) {
        return JsonMapping.readValue(mapper, body, type);
    }
}
