package app.dunwell.ruleset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Scenario files, the analysts' tests: {@code request} and {@code expect} ({@code status}, the
 * complete list of {@code actions}, entries that must appear in {@code suppressed}, or with
 * {@code suppressedExactly} the complete list of suppressed entries, {@code []} meaning none). Only the
 * fields an expectation gives are compared; money compares as decimals and instants as instants.
 */
public final class Scenarios {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** Reads requests and writes decisions as the endpoint does; shared, so its serializers are built once, not per scenario. */
    private static final ObjectMapper DECISION_MAPPER = app.dunwell.decision.JsonMapping.newMapper();

    private Scenarios() {
    }

    /** One scenario: its file name, the request as a client sends it, and what must come out. */
    public record Scenario(String name, JsonNode request, JsonNode expect) {
    }

    /** The outcome of running one scenario. */
    public record Result(String name, boolean passed, List<String> differences) {
    }

    /** Every {@code *.json} file in the folder, in name order; fails when the folder is missing. */
    public static List<Path> filesIn(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new IllegalStateException("scenario folder not found: " + folder.toAbsolutePath());
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A hash of the scenario files' names and contents ({@code none} without a folder): whether they changed. */
    public static String fingerprint(Path folder) {
        if (!Files.isDirectory(folder)) {
            return "none";
        }
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Path file : filesIn(folder)) {
                digest.update(file.getFileName().toString().getBytes(StandardCharsets.UTF_8));
                digest.update(Files.readAllBytes(file));
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException | NoSuchAlgorithmException | RuntimeException e) {
            return "unreadable";
        }
    }

    public static Scenario read(Path file) {
        try {
            return parse(file.getFileName().toString(), Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Scenario parse(String name, String json) {
        try {
            JsonNode node = MAPPER.readTree(json);
            if (node == null || !node.has("request") || !node.has("expect")) {
                throw new IllegalArgumentException(name + ": a scenario needs \"request\" and \"expect\"");
            }
            return new Scenario(name, node.get("request"), node.get("expect"));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(name + ": not valid JSON: " + e.getOriginalMessage());
        }
    }

    /** Decides the scenario's request with the ruleset and compares the answer with its expectation. */
    public static Result run(Scenario scenario, app.dunwell.decision.PolicyEngine engine) {
        ObjectMapper mapper = DECISION_MAPPER;
        try {
            var request = new app.dunwell.decision.DecisionRequestReader(mapper).read(scenario.request());
            JsonNode decision = mapper.valueToTree(engine.decide(request));
            List<String> problems = differences(scenario.expect(), decision);
            return new Result(scenario.name(), problems.isEmpty(), problems);
        } catch (app.dunwell.decision.InvalidRequestException e) {
            return new Result(scenario.name(), false, List.of("request rejected: " + e.errors()));
        } catch (RuntimeException e) {
            return new Result(scenario.name(), false, List.of("decision failed: " + e));
        }
    }

    /** Every difference between what the scenario expects and the decision; empty when it passes. */
    public static List<String> differences(JsonNode expect, JsonNode decision) {
        List<String> problems = new ArrayList<>();
        if (expect.has("status")) {
            JsonNode want = expect.get("status");
            JsonNode got = decision.path("status");
            if (want.isNull() ? !(got.isNull() || got.isMissingNode()) : !matches(want, got)) {
                problems.add("status: expected " + want + " but was " + got);
            }
        }
        if (expect.has("actions")) {
            List<JsonNode> want = list(expect.get("actions"));
            List<JsonNode> got = list(decision.path("actions"));
            if (want.size() != got.size() || !pairUp(want, got, new boolean[got.size()], 0)) {
                problems.add(listDifference("actions", want, got));
            }
        }
        if (expect.has("suppressedExactly")) {
            List<JsonNode> want = list(expect.get("suppressedExactly"));
            List<JsonNode> got = list(decision.path("suppressed"));
            if (want.size() != got.size() || !pairUp(want, got, new boolean[got.size()], 0)) {
                problems.add(listDifference("suppressed", want, got));
            }
        }
        if (expect.has("suppressed")) {
            List<JsonNode> got = list(decision.path("suppressed"));
            for (JsonNode want : expect.get("suppressed")) {
                if (got.stream().noneMatch(g -> matches(want, g))) {
                    problems.add("suppressed: missing " + want + " in " + got);
                }
            }
        }
        return problems;
    }

    /** What an exact list lacks and what it has too many: {@code actions: missing [...]; unexpected [...]}. */
    private static String listDifference(String what, List<JsonNode> want, List<JsonNode> got) {
        boolean[] used = new boolean[got.size()];
        List<JsonNode> missing = new ArrayList<>();
        for (JsonNode w : want) {
            int match = -1;
            for (int j = 0; j < got.size() && match < 0; j++) {
                if (!used[j] && matches(w, got.get(j))) {
                    match = j;
                }
            }
            if (match < 0) {
                missing.add(w);
            } else {
                used[match] = true;
            }
        }
        List<JsonNode> unexpected = new ArrayList<>();
        for (int j = 0; j < got.size(); j++) {
            if (!used[j]) {
                unexpected.add(got.get(j));
            }
        }
        if (missing.isEmpty() && unexpected.isEmpty()) {
            return what + ": expected exactly " + want + " but were " + got;
        }
        StringBuilder line = new StringBuilder(what + ":");
        if (!missing.isEmpty()) {
            line.append(" missing ").append(missing);
        }
        if (!unexpected.isEmpty()) {
            line.append(missing.isEmpty() ? "" : ";").append(" unexpected ").append(unexpected);
        }
        return line.toString();
    }

    private static boolean pairUp(List<JsonNode> want, List<JsonNode> got, boolean[] used, int i) {
        if (i == want.size()) {
            return true;
        }
        for (int j = 0; j < got.size(); j++) {
            if (!used[j] && matches(want.get(i), got.get(j))) {
                used[j] = true;
                if (pairUp(want, got, used, i + 1)) {
                    return true;
                }
                used[j] = false;
            }
        }
        return false;
    }

    /** Whether {@code actual} has every field of {@code expected} with an equal value. */
    public static boolean matches(JsonNode expected, JsonNode actual) {
        if (expected.isObject()) {
            if (!actual.isObject()) {
                return false;
            }
            Iterator<Map.Entry<String, JsonNode>> fields = expected.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (!matches(field.getValue(), actual.path(field.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        if (expected.isArray()) {
            if (!actual.isArray() || actual.size() != expected.size()) {
                return false;
            }
            for (int i = 0; i < expected.size(); i++) {
                if (!matches(expected.get(i), actual.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (expected.isNull()) {
            return actual.isNull() || actual.isMissingNode();
        }
        if (actual.isMissingNode() || actual.isNull()) {
            return false;
        }
        BigDecimal a = decimal(expected);
        BigDecimal b = decimal(actual);
        if (a != null && b != null) {
            return a.compareTo(b) == 0;
        }
        Instant x = instant(expected);
        Instant y = instant(actual);
        if (x != null && y != null) {
            return x.equals(y);
        }
        return expected.asText().equals(actual.asText());
    }

    private static BigDecimal decimal(JsonNode node) {
        if (node.isNumber()) {
            return node.decimalValue();
        }
        if (node.isTextual() && node.asText().matches("-?\\d+(\\.\\d+)?")) {
            return new BigDecimal(node.asText());
        }
        return null;
    }

    private static Instant instant(JsonNode node) {
        if (!node.isTextual() || !node.asText().contains("T")) {
            return null;
        }
        try {
            return java.time.OffsetDateTime.parse(node.asText()).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        if (array != null) {
            array.forEach(items::add);
        }
        return items;
    }
}
