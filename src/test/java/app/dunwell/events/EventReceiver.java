package app.dunwell.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.standardwebhooks.Webhook;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A billing platform's end of the events: a real local HTTP server that verifies every delivery's Standard Webhooks
 * signature with the center's events secret (the standardwebhooks library, as a platform would), and records what it
 * accepted. It can be told to be down (answer 503) for a while.
 */
final class EventReceiver implements AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** One accepted delivery: its webhook-id and the event. */
    record Received(String webhookId, JsonNode event) {
    }

    private final HttpServer server;
    private final Map<String, String> secrets = new ConcurrentHashMap<>();
    final List<Received> accepted = new CopyOnWriteArrayList<>();
    final AtomicInteger refusedSignatures = new AtomicInteger();
    final AtomicInteger downAnswers = new AtomicInteger();
    volatile boolean down;

    EventReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/events/", exchange -> {
            String center = exchange.getRequestURI().getPath().substring("/events/".length());
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int status;
            if (down) {
                downAnswers.incrementAndGet();
                status = 503;
            } else {
                Map<String, List<String>> headers = new HashMap<>();
                exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v));
                try {
                    new Webhook(secrets.get(center)).verify(body, headers);
                    JsonNode event = MAPPER.readTree(body);
                    accepted.add(new Received(headers.get("webhook-id").get(0), event));
                    status = 204;
                } catch (Exception e) {
                    refusedSignatures.incrementAndGet();
                    status = 401;
                }
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    /** The URL a center sets as its eventsUrl, and the secret its answer carried. */
    String urlFor(String center) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/events/" + center;
    }

    void secretOf(String center, String secret) {
        secrets.put(center, secret);
    }

    List<Received> of(String center) {
        return accepted.stream().filter(r -> center.equals(r.event().path("centerId").asText())).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
