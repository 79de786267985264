package app.dunwell;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.standardwebhooks.Webhook;
import io.restassured.http.ContentType;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Sends a center's billing events the way its platform does: Standard Webhooks, signed with the center's secret. */
public record SignedEvents(String centerId, String secret) {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    public void send(String type, Map<String, Object> data) {
        post(type, data).then().statusCode(200);
    }

    /** Sends the event and returns the answer, whatever it is. */
    public io.restassured.response.Response post(String type, Map<String, Object> data) {
        Map<String, Object> withCenter = new LinkedHashMap<>(data);
        withCenter.put("centerId", centerId);
        String payload;
        try {
            payload = MAPPER.writeValueAsString(Map.of("type", type, "data", withCenter));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        String id = "msg_" + UUID.randomUUID();
        long now = Instant.now().getEpochSecond();
        String signature;
        try {
            signature = new Webhook(secret).sign(id, now, payload);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return given().contentType(ContentType.JSON).body(payload).header("webhook-id", id).header("webhook-timestamp", String.valueOf(now))
                .header("webhook-signature", signature).post("/api/v1/webhooks/platform");
    }
}
