package app.dunwell.state;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import org.flywaydb.core.Flyway;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Brings the database up before anything uses it: starts the embedded PostgreSQL when configured,
 * then applies the Flyway migrations in {@code db/migration}.
 */
@ApplicationScoped
public class DatabaseStartup {
    private static final Logger LOG = Logger.getLogger(DatabaseStartup.class);

    private final DatabaseConfig config;
    private final Flyway flyway;
    private EmbeddedPostgres embedded;

    public DatabaseStartup(DatabaseConfig config, Flyway flyway) {
        this.config = config;
        this.flyway = flyway;
    }

    void start(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event) {
        if (config.embedded()) {
            try {
                embedded = EmbeddedPostgres.builder().setPort(config.embeddedPort()).start();
                LOG.infof("Embedded PostgreSQL started on 127.0.0.1:%d (data lives as long as the service)", config.embeddedPort());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the embedded PostgreSQL on port " + config.embeddedPort(), e);
            }
        }
        var result = flyway.migrate();
        LOG.infof("Database schema at version %s (%d migrations applied now)", flyway.info().current() == null ? "none"
                : flyway.info().current().getVersion(), result.migrationsExecuted);
    }

    void stop(@Observes ShutdownEvent event) throws IOException {
        if (embedded != null) {
            embedded.close();
        }
    }
}
