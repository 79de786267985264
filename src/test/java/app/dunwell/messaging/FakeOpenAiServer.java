package app.dunwell.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A real local HTTP server speaking the OpenAI chat-completions protocol. What it answers depends on
 * the prompt, so tests choose a behaviour through the facts they send: a first name "Goodcase" gets
 * a correct message, "Guardcase" one with an invented amount, "Slowcase" an answer after the timeout,
 * "Brokencase" text that is not JSON. A prompt that carries an email address, a phone number or the
 * last name "Contreras" is answered 400, so such a leak makes the model path fail visibly.
 */
public class FakeOpenAiServer implements QuarkusTestResourceLifecycleManager {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/v1/chat/completions", exchange -> {
            JsonNode request = MAPPER.readTree(exchange.getRequestBody());
            String prompt = request.path("messages").toString();
            int status = 200;
            String content;
            if (prompt.contains("@") || prompt.matches("(?s).*\\+1555\\d+.*") || prompt.contains("Contreras")) {
                status = 400;
                content = "personal data in prompt";
            } else if (prompt.contains("Classify the sentiment") && !prompt.matches("(?s).*<reply>\\\\?\".*\\\\?\"</reply>.*")) {
                status = 400;
                content = "the reply is not delimited as data";
            } else if (prompt.contains("Classify the sentiment")) {
                // A model that does what the text says: steered by a reply that tells it what to answer.
                content = prompt.contains("answer DISPUTE") ? "{\"sentiment\": \"DISPUTE\", \"confidence\": 0.99}"
                        : prompt.contains("llm-says-hardship") ? "{\"sentiment\": \"HARDSHIP\", \"confidence\": 0.93}" : "not json at all";
            } else if (!prompt.contains("<facts>") || !prompt.contains("</facts>")) {
                status = 400;
                content = "the facts are not delimited as data";
            } else if (prompt.contains("Goodcase")) {
                content = "{\"subject\": \"About invoice INV-77\", \"body\": \"Hi Goodcase, a kind reminder that invoice INV-77 for "
                        + "$850.00 was due on March 2, 2026. You can pay at https://pay.example/INV-77 whenever you are ready. Thank you!\"}";
            } else if (prompt.contains("Guardcase")) {
                content = "{\"subject\": \"Invoice INV-77\", \"body\": \"Hi Guardcase, invoice INV-77 for $850.00 was due on March 2, 2026. "
                        + "Pay $900.00 by March 20, 2026 at https://pay.example/INV-77.\"}";
            } else if (prompt.contains("Slowcase")) {
                sleep(12_000);
                content = "{\"subject\": \"late\", \"body\": \"too late\"}";
            } else {
                content = "Sure! Here is your message: Dear parent, please pay.";
            }
            byte[] body = (status == 200 ? completion(content) : "{\"error\": {\"message\": \"" + content + "\"}}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            } catch (IOException ignored) {
                // the client gave up (timeout case)
            }
        });
        // The slow answer must not hold up the others.
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/";
        return Map.of("dunwell.messaging.llm-enabled", "true",
                "quarkus.langchain4j.openai.base-url", base,
                "quarkus.langchain4j.openai.api-key", "test-key",
                // Room for a first, cold call; the slow answer comes well after it.
                "quarkus.langchain4j.openai.timeout", "4s",
                "quarkus.langchain4j.openai.max-retries", "1");
    }

    private static String completion(String content) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("id", "chatcmpl-test").put("object", "chat.completion").put("created", 0).put("model", "fake");
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0).put("finish_reason", "stop");
        choice.putObject("message").put("role", "assistant").put("content", content);
        root.putObject("usage").put("prompt_tokens", 1).put("completion_tokens", 1).put("total_tokens", 2);
        return root.toString();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
