package app.dunwell.api;

import app.dunwell.decision.InvalidRequestException;
import app.dunwell.decision.JsonMapping;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads a request body into a type, or fails with a problem naming the field that is wrong. */
final class JsonBodies {
    private JsonBodies() {
    }

    static <T> T read(ObjectMapper mapper, byte[] body, Class<T> type) {
        if (body == null || body.length == 0) {
            throw new InvalidRequestException("body", "is required");
        }
        try {
            T value = mapper.readValue(body, type);
            if (value == null) {
                throw new InvalidRequestException("body", "must be a JSON object");
            }
            return value;
        } catch (JsonMappingException e) {
            throw new InvalidRequestException(JsonMapping.pathOf(e, ""), JsonMapping.describe(e));
        } catch (JsonProcessingException e) {
            throw new InvalidRequestException("body", "not valid JSON: " + JsonMapping.firstLine(e.getOriginalMessage()));
        } catch (java.io.IOException e) {
            throw new InvalidRequestException("body", "unreadable");
        }
    }
}
