package app.dunwell.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every scenario file, through the real HTTP endpoint: the contract's worked cases in
 * {@code ../shared/scenarios} and the analysts' cases in {@code rules/tests}. A new file is a new
 * test; no code changes.
 */
@QuarkusTest
class DecisionScenariosTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    static Stream<Arguments> contractScenarios() {
        return ScenarioFiles.in(Path.of(System.getProperty("dunwell.scenarios.contract", "../shared/scenarios")));
    }

    static Stream<Arguments> analystScenarios() {
        return ScenarioFiles.in(Path.of(System.getProperty("dunwell.scenarios.analyst", "rules/tests")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contractScenarios")
    void contractScenario(String name, Path file) throws Exception {
        check(file);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("analystScenarios")
    void analystScenario(String name, Path file) throws Exception {
        check(file);
    }

    private static void check(Path file) throws Exception {
        JsonNode scenario = ScenarioFiles.read(file);
        String body = given().contentType(ContentType.JSON).body(MAPPER.writeValueAsString(scenario.get("request")))
                .when().post("/api/v1/decisions")
                .then().statusCode(200).extract().asString();
        JsonNode decision = MAPPER.readTree(body);
        List<String> differences = ScenarioFiles.differences(scenario.get("expect"), decision);
        assertTrue(differences.isEmpty(), () -> file.getFileName() + "\n  " + String.join("\n  ", differences)
                + "\n  decision: " + decision.toPrettyString());
    }
}
