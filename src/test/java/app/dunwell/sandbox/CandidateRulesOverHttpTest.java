package app.dunwell.sandbox;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static app.dunwell.TestKeys.withBootstrapKey;
import static app.dunwell.TestKeys.withKey;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rules that once ran as Java inside the service, sent again as a policy author would send them: reading another
 * center's data, writing a file, opening a socket are refused with their file and line before anything compiles; an
 * endless loop is compiled and run in the sandbox and killed there, while the service goes on deciding.
 */
@QuarkusTest
class CandidateRulesOverHttpTest {
    private static String author;

    @BeforeEach
    void policyAuthor() {
        if (author != null) {
            return;
        }
        author = withBootstrapKey().contentType(ContentType.JSON).body(Map.of("name", "policy team", "roles", List.of("policy-author")))
                .post("/api/v1/keys").then().statusCode(201).extract().path("key");
    }

    private static String rule(String consequence) {
        return """
                package rules;
                import app.dunwell.policy.*;
                import app.dunwell.decision.*;

                rule "hostile"
                    ruleflow-group "outcome"
                when
                    InvoiceCase()
                then
                %s
                end
                """.formatted(consequence);
    }

    private static Response validate(String drl) {
        return withKey(author).contentType(ContentType.JSON).body(Map.of("files", Map.of("rules/hostile.drl", drl)))
                .post("/api/v1/ruleset/validate");
    }

    @Test
    void readingAnotherCentersDataIsRefusedWithFileAndLine() {
        validate(rule("    Object secret = app.dunwell.state.Center.findById(\"other-center\");")).then().statusCode(200)
                .body("valid", equalTo(false))
                .body("errors[0].file", equalTo("rules/hostile.drl"))
                .body("errors[0].line", equalTo(10))
                .body("errors[0].message", containsString("app.dunwell.state.Center is not allowed"));
        validate(rule("    Object secret = Center.findById(\"other\");").replace("import app.dunwell.decision.*;",
                "import app.dunwell.decision.*;\nimport app.dunwell.state.Center;")).then().statusCode(200)
                .body("valid", equalTo(false))
                .body("errors[0].line", equalTo(4))
                .body("errors[0].message", containsString("import app.dunwell.state.Center is not allowed"));
    }

    @Test
    void writingAFileOrOpeningASocketIsRefused() {
        validate(rule("    java.nio.file.Files.writeString(java.nio.file.Path.of(\"/tmp/dunwell-pwned\"), \"x\");")).then().statusCode(200)
                .body("valid", equalTo(false)).body("errors[0].line", equalTo(10))
                .body("errors[0].message", containsString("java.nio.file.Files is not allowed"));
        validate(rule("    new java.net.Socket(\"127.0.0.1\", 5432);")).then().statusCode(200)
                .body("valid", equalTo(false)).body("errors[0].message", containsString("java.net.Socket is not allowed"));
        validate(rule("    Runtime.getRuntime().exec(\"touch /tmp/dunwell-pwned\");")).then().statusCode(200)
                .body("valid", equalTo(false)).body("errors[0].message", containsString("'Runtime' is not allowed"));
        assertFalse(Files.exists(Path.of("/tmp/dunwell-pwned")));
    }

    @Test
    void anEndlessLoopIsKilledInTheSandboxWhileDecisionsGoOn() {
        CompletableFuture<Response> looping = CompletableFuture.supplyAsync(() ->
                validate(rule("    long n = 0;\n    while (n >= 0) { n = (n + 1) % 7; }")));
        // While the candidate spins in its own process, the service decides as usual.
        for (int i = 0; i < 20; i++) {
            given().contentType(ContentType.JSON).body("""
                    {"asOf":"2026-03-09T15:00:00Z","invoice":{"id":"INV-%d","dueOn":"2026-03-02","balance":"100.00"}}""".formatted(i))
                    .post("/api/v1/decisions").then().statusCode(200).body("status.to", equalTo("FIRST"));
        }
        assertFalse(looping.isDone(), "the loop is still being given its CPU time");
        // One validation at a time per key.
        validate(rule("    // nothing")).then().statusCode(429).header("Retry-After", Integer::parseInt, greaterThan(0))
                .contentType("application/problem+json");
        looping.join().then().statusCode(200)
                .body("valid", equalTo(false))
                .body("errors[0].message", containsString("s of CPU time"));
        // And the key may validate again afterwards.
        validate(rule("    // nothing")).then().statusCode(200);
    }

    @Test
    void aValidCandidateIsJudgedByTheScenariosInTheSandbox() {
        Response response = validate(rule("    // a rule that does nothing"));
        response.then().statusCode(200).body("errors.size()", equalTo(0));
        assertTrue(response.jsonPath().getInt("scenariosPassed") > 70, response.asString());
        assertEquals(0, response.jsonPath().getInt("scenariosFailed"), response.asString());
    }
}
