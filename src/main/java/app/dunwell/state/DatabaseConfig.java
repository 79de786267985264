package app.dunwell.state;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The database Dunwell keeps its records in. */
@ConfigMapping(prefix = "dunwell.database")
public interface DatabaseConfig {
    /**
     * Start a real PostgreSQL from jars on {@link #embeddedPort()} (zero setup, data kept only while
     * the service runs). Off in production, where {@code quarkus.datasource.jdbc.url} points at a server.
     */
    @WithDefault("false")
    boolean embedded();

    @WithDefault("54329")
    int embeddedPort();
}
