package app.dunwell.messaging;

import app.dunwell.decision.Action;
import app.dunwell.decision.Channel;
import app.dunwell.decision.ReminderKind;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static app.dunwell.TestKeys.withBootstrapKey;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The offline wording: every kind on every channel renders from its template, and passes the same guard a model must pass. */
@QuarkusTest
class MessagePreviewTest {

    static Stream<Arguments> everyKindAndChannel() {
        return Arrays.stream(ReminderKind.values())
                .flatMap(k -> Arrays.stream(Channel.values()).flatMap(c -> Stream.of(Arguments.of(k, c, false), Arguments.of(k, c, true))));
    }

    @ParameterizedTest(name = "{0} {1} hardship={2}")
    @MethodSource("everyKindAndChannel")
    void everyTemplateRendersTheFactsAndPassesTheGuard(ReminderKind kind, Channel channel, boolean hardship) {
        Map<String, Object> body = Map.of("kind", kind, "channel", channel, "context", Map.of(
                "centerName", "Sunny Days", "familyFirstName", "Ana", "childFirstNames", List.of("Mateo", "Lucia"),
                "invoiceNumber", "INV-1001", "balance", "850.00", "dueOn", "2026-03-02",
                "paymentLink", "https://pay.example/INV-1001", "hardship", hardship,
                "installments", List.of(Map.of("dueOn", "2026-03-30", "amount", "425.00"), Map.of("dueOn", "2026-04-13", "amount", "425.00"))));
        Map<String, Object> message = withBootstrapKey().contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/messages/preview")
                .then().statusCode(200)
                .body("messages", hasSize(1))
                .body("messages[0].wordedBy", equalTo("template"))
                .extract().path("messages[0]");
        String text = (String) message.get("body");
        assertTrue(text.contains("Ana"), text);
        assertTrue(!text.contains("{"), "no unrendered expression: " + text);
        MessageFacts facts = new MessageFacts(kind, channel, "Sunny Days", "Ana", List.of("Mateo", "Lucia"), "INV-1001",
                new BigDecimal("850.00"), "USD", LocalDate.of(2026, 3, 2), "https://pay.example/INV-1001",
                List.of(new Action.Installment(LocalDate.of(2026, 3, 30), new BigDecimal("425.00")),
                        new Action.Installment(LocalDate.of(2026, 4, 13), new BigDecimal("425.00"))), hardship);
        Message rendered = new Message(channel, (String) message.get("subject"), text, "template", null);
        assertEquals(List.of(), MessageGuard.violations(rendered, facts));
        if (channel == Channel.SMS) {
            assertNull(message.get("subject"));
        } else {
            assertTrue(((String) message.get("subject")).contains("INV-1001"));
        }
        if (hardship && channel == Channel.EMAIL) {
            assertTrue(text.matches("(?s).*(hard|tight|difficult|hardship).*"), "supportive when hardship is known: " + text);
        }
    }

    @Test
    void withoutAChannelEveryChannelIsWorded() {
        withBootstrapKey().contentType(ContentType.JSON).body("""
                {"kind":"PRE_DUE","context":{"familyFirstName":"Ana","invoiceNumber":"INV-9","balance":"100.00",
                 "dueOn":"2026-03-02","paymentLink":"https://pay.example/9"}}""")
                .when().post("/api/v1/messages/preview")
                .then().statusCode(200)
                .body("messages.channel", equalTo(List.of("EMAIL", "SMS", "IN_APP")))
                .body("messages[0].body", containsString("friendly"))
                .body("messages[0].body", not(containsString("collections")));
    }

    @Test
    void aCenterMayWordItsOwnTemplates() throws Exception {
        java.nio.file.Path own = java.nio.file.Path.of("target/center-templates/ctr-own/PRE_DUE.SMS.txt");
        java.nio.file.Files.createDirectories(own.getParent());
        java.nio.file.Files.writeString(own, "Hola {familyFirstName}: la factura {invoiceNumber} ({balance}) vence el {dueOn}. {paymentLink}");
        String request = """
                {"kind":"PRE_DUE","channel":"SMS","centerId":"%s","context":{"familyFirstName":"Ana","invoiceNumber":"INV-9",
                 "balance":"100.00","dueOn":"2026-03-02","paymentLink":"https://pay.example/9"}}""";
        withBootstrapKey().contentType(ContentType.JSON).body(request.formatted("ctr-own"))
                .when().post("/api/v1/messages/preview")
                .then().statusCode(200)
                .body("messages[0].body", equalTo("Hola Ana: la factura INV-9 ($100.00) vence el March 2, 2026. https://pay.example/9"));
        withBootstrapKey().contentType(ContentType.JSON).body(request.formatted("ctr-other"))
                .when().post("/api/v1/messages/preview")
                .then().statusCode(200)
                .body("messages[0].body", containsString("a friendly reminder"));
    }

    @Test
    void missingFactsAreNamed() {
        withBootstrapKey().contentType(ContentType.JSON).body("{\"kind\":\"PRE_DUE\",\"context\":{\"balance\":\"-1\",\"dueOn\":\"2026-03-02\"}}")
                .when().post("/api/v1/messages/preview")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("context.invoiceNumber", "context.balance", "context.paymentLink")));
        withBootstrapKey().contentType(ContentType.JSON).body("{\"kind\":\"SOON\",\"context\":{}}")
                .when().post("/api/v1/messages/preview")
                .then().statusCode(400)
                .body("errors[0].field", equalTo("kind"));
    }
}
