package app.dunwell.dispatch;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * The providers of {@link DispatcherTest.Providers} for tests that only need messages to go out: a real SMTP server
 * (GreenMail) and a local HTTP server that accepts every SMS and in-app message (202).
 */
public final class AcceptingProviders implements AutoCloseable {
    private final GreenMail smtp;
    private final HttpServer http;

    private AcceptingProviders(GreenMail smtp, HttpServer http) {
        this.smtp = smtp;
        this.http = http;
    }

    public static AcceptingProviders start() throws IOException {
        GreenMail smtp = new GreenMail(new ServerSetup(DispatcherTest.SMTP_PORT, "127.0.0.1", "smtp"));
        smtp.start();
        HttpServer http;
        try {
            http = HttpServer.create(new InetSocketAddress("127.0.0.1", DispatcherTest.HTTP_PORT), 0);
        } catch (IOException | RuntimeException e) {
            // Not left running for the next test class to trip over.
            smtp.stop();
            throw e;
        }
        http.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(202, -1);
            exchange.close();
        });
        http.start();
        return new AcceptingProviders(smtp, http);
    }

    public GreenMail smtp() {
        return smtp;
    }

    @Override
    public void close() {
        smtp.stop();
        http.stop(0);
    }
}
