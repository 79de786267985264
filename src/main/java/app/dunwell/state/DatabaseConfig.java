package app.dunwell.state;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The database Dunwell keeps its records in. */
@ConfigMapping(prefix = "dunwell.database")
public interface DatabaseConfig {
    /**
     * Whether to start a real PostgreSQL from jars on {@link #embeddedPort()}, keeping its data in {@link #dataDir()}:
     * {@code auto} (the default) starts it unless a database is configured ({@code QUARKUS_DATASOURCE_JDBC_URL} or
     * {@code DUNWELL_DB_URL} point elsewhere); {@code true} and {@code false} decide outright.
     */
    @WithDefault("auto")
    String embedded();

    @WithDefault("54329")
    int embeddedPort();

    /** Where the embedded database keeps its files, across restarts. */
    @WithDefault("data")
    String dataDir();

    /**
     * Whether a start empties the schema before migrating: the tests' database ({@code %test}) may hold another
     * checkout's migrations or rows, which would fail validation or tests. Never set in production.
     */
    @WithDefault("false")
    boolean cleanAtStart();

    /** The address the embedded database answers on. */
    default String embeddedUrl() {
        return "jdbc:postgresql://127.0.0.1:" + embeddedPort() + "/postgres";
    }

    /** Whether the embedded database serves, given the datasource address that is configured. */
    default boolean runsEmbedded(String configuredUrl) {
        return switch (embedded()) {
            case "true" -> true;
            case "false" -> false;
            default -> embeddedUrl().equals(configuredUrl);
        };
    }

    /** Whether the embedded database serves, for the datasource address in the configuration. */
    default boolean runsEmbedded() {
        return runsEmbedded(org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getOptionalValue("quarkus.datasource.jdbc.url", String.class).orElse(""));
    }
}
