package app.dunwell.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.provider.Arguments;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Scenario files: {@code request} and {@code expect} ({@code status}, the complete list of
 * {@code actions}, entries that must appear in {@code suppressed}). Only the fields an expectation
 * gives are compared; money compares as decimals and instants as instants.
 */
final class ScenarioFiles {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ScenarioFiles() {
    }

    /** Every {@code *.json} in the folder, sorted; fails when the folder is missing or empty. */
    static Stream<Arguments> in(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new IllegalStateException("scenario folder not found: " + folder.toAbsolutePath());
        }
        try (Stream<Path> files = Files.list(folder)) {
            List<Path> json = files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
            if (json.isEmpty()) {
                throw new IllegalStateException("no scenario in " + folder.toAbsolutePath());
            }
            return json.stream().map(p -> Arguments.of(p.getFileName().toString(), p));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode read(Path file) {
        try {
            return MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every difference between what the scenario expects and the decision; empty when it passes. */
    static List<String> differences(JsonNode expect, JsonNode decision) {
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
                problems.add("actions: expected exactly " + want + " but were " + got);
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
    static boolean matches(JsonNode expected, JsonNode actual) {
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
