package app.dunwell.api;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

/** Each error case of the contract answers an RFC 9457 problem that names the field. */
@QuarkusTest
class DecisionErrorsTest {
    private static final String VALID = """
            {"asOf":"2026-03-09T15:00:00Z","center":{"timezone":"America/New_York"},
             "invoice":{"id":"INV-1","dueOn":"2026-03-02","balance":"850.00"}}""";

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            not json at all                                                                   | body
            [1, 2]                                                                            | body
            {}                                                                                | asOf
            {"asOf":"2026-03-09T15:00:00Z"}                                                   | invoice
            {"asOf":"2026-03-09T15:00:00Z","invoice":{"balance":"1.00"}}                      | invoice.id
            {"asOf":"2026-03-09T15:00:00Z","invoice":{"id":"I"}}                              | invoice.balance
            {"asOf":"2026-03-09T15:00:00","invoice":{"id":"I","balance":"1.00"}}              | asOf
            {"asOf":"yesterday","invoice":{"id":"I","balance":"1.00"}}                        | asOf
            {"asOf":"2026-03-09T15:00:00Z","invoice":{"id":"I","balance":"-0.01"}}            | invoice.balance
            {"asOf":"2026-03-09T15:00:00Z","invoice":{"id":"I","balance":"ten"}}              | invoice.balance
            {"asOf":"2026-03-09T15:00:00Z","invoice":{"id":"I","balance":"1.001"}}            | invoice.balance
            {"asOf":"2026-03-09T15:00:00Z","invoice":{"id":"","balance":"1.00"}}              | invoice.id
            {"asOf":"2026-03-09T15:00:00Z","invoice":{"id":"I","balance":"1","status":"LATE"}}| invoice.status
            {"asOf":"2026-03-09T15:00:00Z","invoice":{"id":"I","balance":"1","dueOn":"2026-02-30"}} | invoice.dueOn
            {"asOf":"2026-03-09T15:00:00Z","invoice":{"id":"I","balance":"1","automationEnabled":"yes"}} | invoice.automationEnabled
            {"asOf":"2026-03-09T15:00:00Z","center":{"timezone":"Mars/Olympus"},"invoice":{"id":"I","balance":"1"}} | center.timezone
            {"asOf":"2026-03-09T15:00:00Z","center":{"holidays":["someday"]},"invoice":{"id":"I","balance":"1"}} | center.holidays[0]
            {"asOf":"2026-03-09T15:00:00Z","center":{"settings":{"graceDays":"five"}},"invoice":{"id":"I","balance":"1"}} | center.settings.graceDays
            {"asOf":"2026-03-09T15:00:00Z","center":{"settings":{"graceDays":-1}},"invoice":{"id":"I","balance":"1"}} | center.settings.graceDays
            {"asOf":"2026-03-09T15:00:00Z","center":{"settings":{"overdue":{"first":1.5}}},"invoice":{"id":"I","balance":"1"}} | center.settings.overdue.first
            {"asOf":"2026-03-09T15:00:00Z","center":{"settings":{"sendWindow":{"start":"21:00"}}},"invoice":{"id":"I","balance":"1"}} | center.settings.sendWindow.end
            {"asOf":"2026-03-09T15:00:00Z","center":{"settings":{"channelFallback":["FAX"]}},"invoice":{"id":"I","balance":"1"}} | center.settings.channelFallback[0]
            {"asOf":"2026-03-09T15:00:00Z","center":{"settings":{"lateFee":{"amount":"-5"}}},"invoice":{"id":"I","balance":"1"}} | center.settings.lateFee.amount
            {"asOf":"2026-03-09T15:00:00Z","family":{"flags":["VIP"]},"invoice":{"id":"I","balance":"1"}} | family.flags[0]
            {"asOf":"2026-03-09T15:00:00Z","family":{"contact":{"preferredChannel":"FAX"}},"invoice":{"id":"I","balance":"1"}} | family.contact.preferredChannel
            {"asOf":"2026-03-09T15:00:00Z","invoice":{"id":"I","balance":"1"},"history":{"contacts":[{"channel":"EMAIL"}]}} | history.contacts[0].at
            {"asOf":"2026-03-09T15:00:00Z","invoice":{"id":"I","balance":"1"},"history":{"contacts":[{"at":"2026-03-01T10:00:00Z","kind":"NAG"}]}} | history.contacts[0].kind
            {"asOf":"2026-03-09T15:00:00Z","invoice":{"id":"I","balance":"1"},"history":{"tasks":[{"type":"PARTY"}]}} | history.tasks[0].type
            {"asOf":"2026-03-09T15:00:00Z","invoice":{"id":"I","balance":"1"},"history":{"replies":[{"at":"2026-03-01T10:00:00Z"}]}} | history.replies[0].sentiment
            {"asOf":"2026-03-09T15:00:00Z","invoice":{"id":"I","balance":"1"},"history":{"replies":[{"at":"2026-03-01T10:00:00Z","sentiment":"HAPPY"}]}} | history.replies[0].sentiment
            {"asOf":"2026-03-09T15:00:00Z","invoice":{"id":"I","balance":"1"},"history":{"pastInvoices":[{"id":"P"}]}} | history.pastInvoices[0].dueOn
            {"asOf":"2026-03-09T15:00:00Z","invoice":{"id":"I","balance":"1","payments":[{"on":"2026-03-01","amount":"-3"}]}} | invoice.payments[0].amount
            """)
    void badInputNamesTheField(String body, String field) {
        given().contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/decisions")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("type", startsWith("https://"))
                .body("title", equalTo("The request cannot be decided"))
                .body("detail", containsString(field))
                .body("errors.field", hasItem(field));
    }

    @Test
    void aBodyAboveOneMebibyteIsTooLarge() {
        String padding = " ".repeat(1024 * 1024);
        given().contentType(ContentType.JSON).body(VALID.replace("{\"asOf\"", "{" + padding + "\"asOf\""))
                .when().post("/api/v1/decisions")
                .then().statusCode(413)
                .contentType("application/problem+json")
                .body("status", equalTo(413));
    }

    @Test
    void aBodyJustUnderTheLimitIsDecided() {
        String padding = " ".repeat(1024 * 1024 - VALID.length() - 10);
        given().contentType(ContentType.JSON).body(VALID.replace("{\"asOf\"", "{" + padding + "\"asOf\""))
                .when().post("/api/v1/decisions")
                .then().statusCode(200)
                .body("invoiceId", equalTo("INV-1"));
    }

    @Test
    void unknownFieldsAreIgnored() {
        given().contentType(ContentType.JSON).body(VALID.replace("\"balance\"", "\"color\":\"blue\",\"balance\""))
                .when().post("/api/v1/decisions")
                .then().statusCode(200)
                .body("status.to", equalTo("FIRST"));
    }

    @Test
    void moneyMayBeSentAsANumberAndIsAnsweredAsADecimalString() {
        given().contentType(ContentType.JSON).body(VALID.replace("\"850.00\"", "850"))
                .when().post("/api/v1/decisions")
                .then().statusCode(200)
                .body("actions.find { it.type == 'ASSESS_LATE_FEE' }.amount", equalTo("25.00"));
    }

    @Test
    void anUnknownPathIsAProblemToo() {
        given().when().get("/api/v1/nothing-here")
                .then().statusCode(404)
                .contentType("application/problem+json");
    }
}
