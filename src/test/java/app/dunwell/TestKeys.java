package app.dunwell;

import io.restassured.specification.RequestSpecification;

import static io.restassured.RestAssured.given;

/** The keys tests call the API with: the bootstrap key of the test profile acts as an admin of every center. */
public final class TestKeys {
    public static final String BOOTSTRAP = "Bearer test-bootstrap-key";

    private TestKeys() {
    }

    /** A request with the bootstrap key. */
    public static RequestSpecification withBootstrapKey() {
        return given().header("Authorization", BOOTSTRAP);
    }

    /** A request with a center's key. */
    public static RequestSpecification withKey(String key) {
        return given().header("Authorization", "Bearer " + key);
    }
}
