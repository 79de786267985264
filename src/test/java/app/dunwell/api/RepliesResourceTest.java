package app.dunwell.api;

import app.dunwell.messaging.OfflineReplyClassifier;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static app.dunwell.TestKeys.withBootstrapKey;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.nullValue;

/** Reply classification with no model configured: the in-process classifier answers. */
@QuarkusTest
class RepliesResourceTest {

    @Test
    void aPromiseGetsItsDayFromTheCentersLocalDate() {
        // 2026-03-14T02:30Z is still Friday 13 March in New York: "tomorrow" is Saturday the 14th.
        withBootstrapKey().contentType(ContentType.JSON)
                .body("{\"text\":\"I will pay tomorrow, promise\",\"receivedAt\":\"2026-03-14T02:30:00Z\",\"timezone\":\"America/New_York\"}")
                .when().post("/api/v1/replies/classify")
                .then().statusCode(200)
                .body("sentiment", equalTo("PROMISE_TO_PAY"))
                .body("promisedOn", equalTo("2026-03-14"))
                .body("confidence", allOf(greaterThan(0f), lessThanOrEqualTo(1f)))
                .body("classifier", equalTo(OfflineReplyClassifier.NAME));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            STOP texting me                                                   | OPT_OUT
            I lost my job last month and cannot pay this right now            | HARDSHIP
            Ya pagué ayer, gracias!                                           | POSITIVE
            """)
    void clearRepliesAreReadRight(String text, String sentiment) {
        withBootstrapKey().contentType(ContentType.JSON).body("{\"text\":\"" + text + "\"}")
                .when().post("/api/v1/replies/classify")
                .then().statusCode(200)
                .body("sentiment", equalTo(sentiment))
                .body("promisedOn", nullValue());
    }

    @Test
    void badInputIsNamed() {
        withBootstrapKey().contentType(ContentType.JSON).body("{}").when().post("/api/v1/replies/classify")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("text"));
        withBootstrapKey().contentType(ContentType.JSON).body("{\"text\":\"ok\",\"timezone\":\"Nowhere/Land\"}").when().post("/api/v1/replies/classify")
                .then().statusCode(400).body("errors[0].field", equalTo("timezone"));
        withBootstrapKey().contentType(ContentType.JSON).body("{\"text\":\"ok\",\"receivedAt\":\"monday\"}").when().post("/api/v1/replies/classify")
                .then().statusCode(400).body("errors[0].field", equalTo("receivedAt"));
    }
}
