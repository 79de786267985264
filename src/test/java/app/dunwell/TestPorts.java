package app.dunwell;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports for the local servers tests start (SMTP, HTTP providers, service instances), below the kernel's ephemeral range
 * (32768 and up on Linux). A port in that range can be taken, between the moment it is chosen and the moment the server
 * binds it, by any outgoing connection of the same machine (a pooled PostgreSQL connection, say): CI failed that way
 * twice. Below it, only another listener can take it.
 *
 * <p>A named port is chosen once per JVM and kept as the system property {@code dunwell.test.port.<name>}: a Quarkus
 * test profile and its test class are loaded by different class loaders, and both must see the same port.
 */
public final class TestPorts {
    private static final int LOWEST = 20_000;
    private static final int SPAN = 12_000;
    private static final String PREFIX = "dunwell.test.port.";
    /** Every port handed out in this JVM, as {@code dunwell.test.given-port.<port>}. */
    private static final String GIVEN = "dunwell.test.given-port.";
    /** The test profile's embedded PostgreSQL: {@code %test.dunwell.database.embedded-port} of application.properties. */
    public static final int EMBEDDED_POSTGRES = testProfileProperty("%test.dunwell.database.embedded-port");

    private TestPorts() {
    }

    /** The port of that name in this JVM, chosen free the first time it is asked for. */
    public static int named(String name) {
        Properties properties = System.getProperties();
        synchronized (properties) {
            String kept = properties.getProperty(PREFIX + name);
            if (kept != null) {
                return Integer.parseInt(kept);
            }
            int port = free();
            properties.setProperty(PREFIX + name, String.valueOf(port));
            return port;
        }
    }

    /**
     * A port free now, below the ephemeral range, that this JVM has not handed out before (by name or not) and that is not
     * the test profile's embedded PostgreSQL ({@code %test.dunwell.database.embedded-port}), which a profile may start
     * after the port was chosen.
     */
    public static int free() {
        Properties properties = System.getProperties();
        synchronized (properties) {
            for (int tries = 0; tries < 200; tries++) {
                int candidate = LOWEST + ThreadLocalRandom.current().nextInt(SPAN);
                if (candidate == EMBEDDED_POSTGRES || isTaken(properties, candidate)) {
                    continue;
                }
                // Bound on every address: free for a server on any of them.
                try (ServerSocket socket = new ServerSocket(candidate)) {
                    properties.setProperty(GIVEN + candidate, "");
                    return socket.getLocalPort();
                } catch (IOException taken) {
                    // try another
                }
            }
        }
        throw new UncheckedIOException(new IOException("no free port between " + LOWEST + " and " + (LOWEST + SPAN)));
    }

    /** A value of the service's application.properties (dependencies on the class path ship files of that name too). */
    private static int testProfileProperty(String key) {
        try {
            var files = TestPorts.class.getClassLoader().getResources("application.properties");
            while (files.hasMoreElements()) {
                Properties application = new Properties();
                try (var in = files.nextElement().openStream()) {
                    application.load(in);
                }
                String value = application.getProperty(key);
                if (value != null) {
                    return Integer.parseInt(value.trim());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read application.properties from the class path", e);
        }
        throw new IllegalStateException("no application.properties on the class path has " + key);
    }

    private static boolean isTaken(Properties properties, int port) {
        return properties.containsKey(GIVEN + port);
    }
}
