package app.dunwell.state;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.interceptor.Interceptor;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Brings the database up before anything uses it: starts the embedded PostgreSQL when no database is configured (its
 * data kept in {@code dunwell.database.data-dir}, so a restart keeps every center, invoice and decision), then applies
 * the Flyway migrations in {@code db/migration}. A configured database that cannot be reached stops the start-up with a
 * message that says so.
 */
@ApplicationScoped
public class DatabaseStartup {
    private static final Logger LOG = Logger.getLogger(DatabaseStartup.class);

    private final DatabaseConfig config;
    private final Flyway flyway;
    private final String url;
    private EmbeddedPostgres embedded;

    public DatabaseStartup(DatabaseConfig config, Flyway flyway, @ConfigProperty(name = "quarkus.datasource.jdbc.url") String url) {
        this.config = config;
        this.flyway = flyway;
        this.url = url;
    }

    void start(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event) {
        if (config.runsEmbedded(url)) {
            Path data = Path.of(config.dataDir()).toAbsolutePath();
            try {
                Files.createDirectories(data);
                // The server's own log goes to a file beside its data, as a real server's would: its error lines quote the
                // values of a failing row (emails, reply texts), which must not reach the service's log.
                ProcessBuilder.Redirect serverLog = ProcessBuilder.Redirect.appendTo(data.resolve("postgres.log").toFile());
                embedded = EmbeddedPostgres.builder().setPort(config.embeddedPort()).setDataDirectory(data.resolve("postgres"))
                        .setCleanDataDirectory(false).setOutputRedirector(serverLog).setErrorRedirector(serverLog).start();
                LOG.infof("Embedded PostgreSQL started on 127.0.0.1:%d, data in %s, its log in %s", config.embeddedPort(),
                        data.resolve("postgres"), data.resolve("postgres.log"));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the embedded PostgreSQL on port " + config.embeddedPort()
                        + " with its data in " + data + " (is another instance using them?)", e);
            }
        }
        try {
            if (config.cleanAtStart()) {
                flyway.clean();
                LOG.infof("Emptied the schema at %s before migrating (dunwell.database.clean-at-start)", withoutCredentials(url));
            }
            var result = flyway.migrate();
            LOG.infof("Database schema at version %s (%d migrations applied now)", flyway.info().current() == null ? "none"
                    : flyway.info().current().getVersion(), result.migrationsExecuted);
        } catch (FlywayException e) {
            throw new IllegalStateException("The database at " + withoutCredentials(url) + " cannot be used: " + rootMessage(e)
                    + ". Set QUARKUS_DATASOURCE_JDBC_URL, QUARKUS_DATASOURCE_USERNAME and QUARKUS_DATASOURCE_PASSWORD to a "
                    + "PostgreSQL that answers, or leave them out for the embedded database.", e);
        }
    }

    void stop(@Observes ShutdownEvent event) throws IOException {
        if (embedded != null) {
            embedded.close();
        }
    }

    private static String withoutCredentials(String url) {
        return url.replaceAll("(?i)(password|user)=[^&;]*", "$1=…");
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage().lines().findFirst().orElse(""));
    }
}
