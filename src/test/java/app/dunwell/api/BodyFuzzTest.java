package app.dunwell.api;

import app.dunwell.SignedEvents;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.sessions.JqwikSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import static app.dunwell.TestKeys.withBootstrapKey;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fuzzes every endpoint that takes a body: a valid body of each is mutated many times over with values a hostile or
 * broken client sends (jqwik's generators: strings of any characters, NUL included; numbers of any size and notation;
 * wrong types, missing and unknown fields, deep nesting), and every answer must be no 5xx, and a 400 a problem that
 * names a field. The bodies that broke a rule are printed with the failure. The random source is seeded
 * ({@code fuzz.seed}, printed with a failure), so a failure can be run again.
 */
@QuarkusTest
class BodyFuzzTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final int SAMPLES = Integer.getInteger("fuzz.samples", 120);
    /** The same bodies every run unless {@code -Dfuzz.seed=…} asks for others, so a failure can be run again. */
    private static final long RANDOM_SEED = Long.getLong("fuzz.seed", 20_261_202L);
    private static final Set<Integer> ALLOWED = Set.of(200, 201, 202, 204, 400, 401, 403, 404, 409, 413, 422, 429);

    private static final String DECISION = """
            {"asOf":"2026-03-12T15:00:00Z","center":{"id":"ctr-1","timezone":"America/New_York","holidays":["2026-05-25"],
              "settings":{"graceDays":5,"paymentPlan":{"maxInstallments":6}}},
             "family":{"id":"fam-1","contact":{"firstName":"Ana","lastName":"Ruiz","email":"ana@example.org","phone":"+15555550100",
               "preferredChannel":"EMAIL","optedOut":["SMS"]},"children":[{"firstName":"Mateo"}],"flags":["HARDSHIP"]},
             "invoice":{"id":"INV-1","issuedOn":"2026-01-15","dueOn":"2026-03-02","total":"850.00","balance":"850.00","currency":"USD",
               "status":"UNPAID","statusSetManually":false,"automationEnabled":true,"lateFeeAssessed":false,
               "payments":[{"on":"2026-03-01","amount":"10.00"}]},
             "history":{"contacts":[{"at":"2026-03-08T14:00:00Z","channel":"EMAIL","invoiceId":"INV-1","kind":"PRE_DUE","daysBefore":7}],
               "tasks":[{"at":"2026-02-20T14:00:00Z","type":"STAFF_CALL","invoiceId":"INV-1"}],
               "pastInvoices":[{"id":"INV-0","dueOn":"2025-12-01","paidOn":"2025-12-03"}],
               "replies":[{"at":"2026-03-09T01:00:00Z","sentiment":"PROMISE_TO_PAY","promisedOn":"2026-03-20","confidence":0.8}]}}""";

    private String center;
    private SignedEvents events;

    @BeforeEach
    void center() {
        if (center != null) {
            return;
        }
        center = "fuzz-" + UUID.randomUUID().toString().substring(0, 8);
        String secret = withBootstrapKey().contentType(ContentType.JSON).body(Map.of("id", center, "timezone", "America/New_York"))
                .post("/api/v1/centers").then().statusCode(201).extract().path("webhookSecret");
        events = new SignedEvents(center, secret);
    }

    /** Values a hostile or broken client sends, in place of any value. */
    private static Arbitrary<JsonNode> hostileValues() {
        Arbitrary<JsonNode> strings = Arbitraries.strings().all().ofMaxLength(40).map(JSON::textNode);
        Arbitrary<JsonNode> tricky = Arbitraries.of("", " ", "\u0000", "a\u0000b", "null", "1e1000000", "-0.001", "NaN", "Infinity",
                "9999999999.999", "+999999999-12-31T23:59:59Z", "2026-02-30", "2026-03-09T15:00:00", "Mars/Olympus", "../../etc/passwd",
                "<script>alert(1)</script>", "' or 1=1 --", "\uD83D\uDE00", "\u202Eevil", "x".repeat(25_000)).map(JSON::textNode);
        Arbitrary<JsonNode> numbers = Arbitraries.oneOf(
                Arbitraries.integers().map(JSON::numberNode),
                Arbitraries.longs().map(JSON::numberNode),
                Arbitraries.bigIntegers().between(BigInteger.TEN.pow(30).negate(), BigInteger.TEN.pow(30)).map(JSON::numberNode),
                Arbitraries.bigDecimals().between(new BigDecimal("-1e12"), new BigDecimal("1e12")).ofScale(5).map(JSON::numberNode),
                Arbitraries.of(new BigDecimal("1E+1000000"), new BigDecimal("1E-400"), new BigDecimal("12345678901234567.89"),
                        new BigDecimal("2147483647"), new BigDecimal("-2147483648")).map(JSON::numberNode));
        Arbitrary<JsonNode> others = Arbitraries.of(JSON.booleanNode(true), JSON.booleanNode(false), JSON.nullNode(), JSON.objectNode(),
                JSON.arrayNode(), deep(40), JSON.arrayNode().add(JSON.nullNode()));
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, strings), net.jqwik.api.Tuple.of(3, tricky),
                net.jqwik.api.Tuple.of(3, numbers), net.jqwik.api.Tuple.of(2, others));
    }

    private static JsonNode deep(int levels) {
        ArrayNode root = JSON.arrayNode();
        ArrayNode at = root;
        for (int i = 0; i < levels; i++) {
            at = at.addArray();
        }
        return root;
    }

    /** A body: the seed with a few mutations, each a path (an index into its nodes), a kind and a hostile value. */
    private static List<JsonNode> mutated(String seed, int count) {
        JsonNode base;
        try {
            base = MAPPER.readTree(seed);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        Arbitrary<Mutation> mutation = Combinators.combine(Arbitraries.integers().between(0, 10_000), Arbitraries.integers().between(0, 5),
                hostileValues(), Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(12)).as(Mutation::new);
        Arbitrary<List<Mutation>> mutations = mutation.list().ofMinSize(1).ofMaxSize(3);
        List<JsonNode> bodies = new ArrayList<>();
        // A session of its own, from the seed: the same bodies every time for this seed and base body.
        JqwikSession.run(String.valueOf(RANDOM_SEED + seed.hashCode()), () -> mutations.sampleStream().limit(count).forEach(list -> {
            JsonNode body = base.deepCopy();
            for (Mutation m : list) {
                body = m.apply(body);
            }
            bodies.add(body);
        }));
        return bodies;
    }

    record Mutation(int where, int kind, JsonNode value, String name) {
        JsonNode apply(JsonNode body) {
            // A fresh copy each time: the generators hand out shared nodes, and a node inside itself never ends.
            JsonNode value = this.value.deepCopy();
            List<JsonNode> containers = new ArrayList<>();
            collect(body, containers);
            if (kind == 5 || containers.isEmpty()) {
                return where % 7 == 0 ? value : body;
            }
            JsonNode target = containers.get(where % containers.size());
            if (target instanceof ObjectNode object) {
                List<String> names = new ArrayList<>();
                object.fieldNames().forEachRemaining(names::add);
                String field = names.isEmpty() || kind == 3 ? name : names.get(where % names.size());
                switch (kind) {
                    case 0, 1, 3 -> object.set(field, value);
                    case 2 -> object.remove(field);
                    default -> object.set(field, JSON.arrayNode().add(object.path(field).deepCopy()).add(value));
                }
            } else if (target instanceof ArrayNode array) {
                switch (kind) {
                    case 2 -> { if (!array.isEmpty()) { array.remove(where % array.size()); } }
                    case 4 -> {
                        int copies = value.toString().length() > 100 || array.size() > 100 ? 2 : 50;
                        for (int i = 0; i < copies; i++) {
                            array.add(value.deepCopy());
                        }
                    }
                    default -> { if (array.isEmpty()) { array.add(value); } else { array.set(where % array.size(), value); } }
                }
            }
            return body;
        }

        private static void collect(JsonNode node, List<JsonNode> into) {
            if (node.isContainerNode()) {
                into.add(node);
                for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
                    collect(it.next(), into);
                }
            }
        }
    }

    private static void fuzz(String name, String seed, int samples, Function<String, Response> call) {
        List<String> failures = new ArrayList<>();
        for (JsonNode body : mutated(seed, samples)) {
            String text = body.toString();
            Response answer = call.apply(text);
            int status = answer.statusCode();
            if (!ALLOWED.contains(status)) {
                failures.add(status + " for " + abbreviated(text) + "\n    " + abbreviated(answer.asString()));
            } else if (status == 400) {
                String field = answer.jsonPath().getString("errors[0].field");
                if (!answer.contentType().startsWith("application/problem+json") || field == null || field.isBlank()) {
                    failures.add("400 without a named field for " + abbreviated(text) + "\n    " + abbreviated(answer.asString()));
                }
            }
        }
        assertTrue(failures.isEmpty(), name + ": " + failures.size() + " answers broke the rules (-Dfuzz.seed=" + RANDOM_SEED
                + "):\n  " + String.join("\n  ", failures));
    }

    private static String abbreviated(String text) {
        return text.length() > 600 ? text.substring(0, 600) + "…(" + text.length() + " chars)" : text;
    }

    private static RequestSpecification json(RequestSpecification spec) {
        return spec.contentType(ContentType.JSON);
    }

    @Test
    void decisions() {
        fuzz("POST /api/v1/decisions", DECISION, SAMPLES * 2, body -> json(given()).body(body).post("/api/v1/decisions"));
    }

    @Test
    void batches() {
        fuzz("POST /api/v1/decisions/batch", "{\"requests\": [" + DECISION + "," + DECISION + "]}", SAMPLES,
                body -> json(given()).body(body).post("/api/v1/decisions/batch"));
    }

    @Test
    void centersAndTheirKillSwitch() {
        fuzz("POST /api/v1/centers", """
                {"id":"fz-x","name":"Sunny","timezone":"America/New_York","holidays":["2026-05-25"],
                 "settings":{"graceDays":7,"overdue":{"first":10}},"mode":"SHADOW"}""", SAMPLES,
                body -> json(withBootstrapKey()).body(body.replace("\"fz-x\"", "\"fz-" + UUID.randomUUID().toString().substring(0, 8) + "\""))
                        .post("/api/v1/centers"));
        fuzz("PATCH /api/v1/centers/{id}", """
                {"name":"Sunny","timezone":"America/Chicago","holidays":["2026-07-04"],"settings":{"graceDays":6},"mode":"APPROVAL"}""",
                SAMPLES, body -> json(withBootstrapKey()).body(body).patch("/api/v1/centers/" + center));
        fuzz("POST /api/v1/centers/{id}/kill-switch", "{\"active\": false}", SAMPLES / 2,
                body -> json(withBootstrapKey()).body(body).post("/api/v1/centers/" + center + "/kill-switch"));
        withBootstrapKey().contentType(ContentType.JSON).body("{\"active\": false}").post("/api/v1/centers/" + center + "/kill-switch")
                .then().statusCode(200);
    }

    @Test
    void keysAndRuns() {
        fuzz("POST /api/v1/keys", "{\"name\":\"platform\",\"roles\":[\"integration\",\"analyst\"],\"centerId\":\"" + center + "\"}", SAMPLES,
                body -> json(withBootstrapKey()).body(body).post("/api/v1/keys"));
        fuzz("POST /api/v1/runs", "{\"centerId\":\"" + center + "\",\"asOf\":\"2026-03-09T15:00:00Z\",\"dryRun\":true,\"runKey\":\"fz\"}",
                SAMPLES, body -> json(withBootstrapKey()).body(body).post("/api/v1/runs"));
    }

    @Test
    void wordingAndReplies() {
        fuzz("POST /api/v1/messages/preview", """
                {"kind":"OVERDUE_SECOND","channel":"EMAIL","context":{"centerName":"Sunny","familyFirstName":"Ana","childFirstNames":["Mateo"],
                 "invoiceNumber":"INV-1","balance":"850.00","currency":"USD","dueOn":"2026-03-02","paymentLink":"https://pay.example/INV-1",
                 "installments":[{"dueOn":"2026-03-26","amount":"425.00"},{"dueOn":"2026-04-09","amount":"425.00"}],"hardship":true}}""",
                SAMPLES, body -> json(withBootstrapKey()).body(body).post("/api/v1/messages/preview"));
        fuzz("POST /api/v1/replies/classify", """
                {"text":"We lost our jobs and cannot pay this month","receivedAt":"2026-03-11T15:00:00Z","timezone":"America/New_York"}""",
                SAMPLES / 2, body -> json(withBootstrapKey()).body(body).post("/api/v1/replies/classify"));
    }

    @Test
    void previewsOfOtherSettings() {
        fuzz("POST /api/v1/ruleset/preview", "{\"settings\":{\"graceDays\":8},\"centerId\":\"" + center + "\",\"requests\":[" + DECISION + "]}",
                SAMPLES / 2, body -> json(withBootstrapKey()).body(body).post("/api/v1/ruleset/preview"));
        fuzz("POST /api/v1/ruleset/validate", "{\"files\":{\"rules/tests/x.json\":\"{}\",\"etc/x\":\"y\"}}", 20,
                body -> json(withBootstrapKey()).body(body).post("/api/v1/ruleset/validate"));
    }

    @Test
    void signedWebhooks() {
        Map<String, String> seeds = Map.of(
                "invoice.created", "{\"invoiceId\":\"INV-1\",\"familyId\":\"fam-1\",\"issuedOn\":\"2026-02-01\",\"dueOn\":\"2026-03-02\",\"total\":\"850.00\"}",
                "payment.succeeded", "{\"paymentId\":\"p-1\",\"invoiceId\":\"INV-1\",\"amount\":\"100.00\",\"paidOn\":\"2026-03-05\",\"balance\":\"750.00\"}",
                "family.updated", "{\"familyId\":\"fam-1\",\"firstName\":\"Ana\",\"lastName\":\"Ruiz\",\"email\":\"ana@example.org\",\"phone\":\"+15555550100\","
                        + "\"preferredChannel\":\"EMAIL\",\"optedOut\":[\"SMS\"],\"flags\":[\"HARDSHIP\"],\"children\":[{\"firstName\":\"Mateo\"}]}",
                "reply.received", "{\"familyId\":\"fam-1\",\"invoiceId\":\"INV-1\",\"text\":\"I will pay on Friday\",\"receivedAt\":\"2026-03-11T15:00:00Z\",\"channel\":\"SMS\"}");
        seeds.forEach((type, seed) -> fuzz("webhook " + type, seed, SAMPLES / 2, body -> {
            JsonNode data;
            try {
                data = MAPPER.readTree(body);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            Map<String, Object> asMap = data.isObject() ? MAPPER.convertValue(data, Map.class) : Map.of("value", data);
            return events.post(type, asMap);
        }));
    }

    @Test
    void theFuzzerReallyMakesHostileBodies() {
        List<JsonNode> bodies = mutated(DECISION, 200);
        assertEquals(200, bodies.size());
        assertFalse(bodies.stream().allMatch(b -> b.toString().equals(bodies.get(0).toString())), "the bodies differ");
        assertTrue(bodies.stream().anyMatch(b -> b.toString().contains("\\u0000")), "some carry a NUL character");
        assertEquals(bodies, mutated(DECISION, 200), "the same seed makes the same bodies, so a failure can be run again");
        long refused = bodies.stream().limit(60).filter(b -> json(given()).body(b.toString()).post("/api/v1/decisions").statusCode() == 400).count();
        assertTrue(refused > 10, "most mutations are bad input: " + refused + " of 60 refused");
    }
}
