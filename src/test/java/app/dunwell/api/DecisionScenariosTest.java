package app.dunwell.api;

import app.dunwell.ruleset.Scenarios;
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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every scenario file, through the real HTTP endpoint: the contract's worked cases in
 * {@code src/test/resources/contract} (a copy of the shared contract, see {@code ContractCopyTest}) and the analysts' cases in {@code rules/tests}. A new file is a new
 * test; no code changes.
 */
@QuarkusTest
class DecisionScenariosTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    static Stream<Arguments> contractScenarios() {
        return arguments(System.getProperty("dunwell.scenarios.contract", "src/test/resources/contract"));
    }

    static Stream<Arguments> analystScenarios() {
        return arguments(System.getProperty("dunwell.scenarios.analyst", "rules/tests"));
    }

    private static Stream<Arguments> arguments(String folder) {
        List<Path> files = Scenarios.filesIn(Path.of(folder));
        assertFalse(files.isEmpty(), "no scenario in " + folder);
        return files.stream().map(p -> Arguments.of(p.getFileName().toString(), p));
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
        Scenarios.Scenario scenario = Scenarios.read(file);
        String body = given().contentType(ContentType.JSON).body(MAPPER.writeValueAsString(scenario.request()))
                .when().post("/api/v1/decisions")
                .then().statusCode(200).extract().asString();
        JsonNode decision = MAPPER.readTree(body);
        List<String> differences = Scenarios.differences(scenario.expect(), decision);
        assertTrue(differences.isEmpty(), () -> file.getFileName() + "\n  " + String.join("\n  ", differences)
                + "\n  decision: " + decision.toPrettyString());
    }
}
