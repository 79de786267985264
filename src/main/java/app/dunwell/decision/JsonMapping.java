package app.dunwell.decision;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The one JSON dialect of the contract: money written as a decimal string with two places, instants
 * as ISO-8601 in UTC, and no silent coercion of a wrong type (a float where a whole number belongs,
 * a string where a boolean belongs), so that a bad field is named instead of guessed.
 */
public final class JsonMapping {
    private JsonMapping() {
    }

    public static ObjectMapper newMapper() {
        return configure(new ObjectMapper());
    }

    public static ObjectMapper configure(ObjectMapper mapper) {
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNumberLength(GuardedJson.MAX_NUMBER_CHARS).maxNestingDepth(GuardedJson.MAX_DEPTH + 2).build());
        mapper.registerModule(new JavaTimeModule());
        // Amounts keep every digit they were sent with (12345678901234567.89 is not rounded through a double).
        mapper.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        // "" is not a value: an empty balance, date, instant, boolean or enum is refused, never read as null.
        mapper.coercionConfigDefaults().setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        mapper.registerModule(new SimpleModule("dunwell-money").addSerializer(BigDecimal.class, new MoneySerializer()));
        mapper.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        mapper.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        mapper.disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        mapper.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Enum).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Float).setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        return mapper;
    }

    /** A body as a JSON tree, read through {@link GuardedJson}; anything unreadable or refused is a problem naming the field. */
    public static JsonNode readTree(ObjectMapper mapper, byte[] body) {
        if (body == null || body.length == 0) {
            throw new InvalidRequestException("body", "is required");
        }
        try (JsonParser parser = GuardedJson.wrap(mapper.getFactory().createParser(body))) {
            JsonNode tree = mapper.readTree(parser);
            if (tree == null || tree.isMissingNode()) {
                throw new InvalidRequestException("body", "is required");
            }
            if (parser.nextToken() != null) {
                throw new InvalidRequestException("body", "not valid JSON: more follows the JSON value");
            }
            return tree;
        } catch (GuardedJson.Refused e) {
            throw e.problem();
        } catch (JsonProcessingException e) {
            throw new InvalidRequestException("body", "not valid JSON: " + firstLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new InvalidRequestException("body", "unreadable");
        }
    }

    /** A body as a value of {@code type}, read through {@link GuardedJson}; errors name the field. */
    public static <T> T readValue(ObjectMapper mapper, byte[] body, Class<T> type) {
        JsonNode tree = readTree(mapper, body);
        if (!tree.isObject()) {
            throw new InvalidRequestException("body", "must be a JSON object");
        }
        return treeToValue(mapper, tree, type, "");
    }

    /** A tree as a value of {@code type}; a mapping error names the field under {@code prefix}. */
    public static <T> T treeToValue(ObjectMapper mapper, JsonNode tree, Class<T> type, String prefix) {
        try {
            return mapper.treeToValue(tree, type);
        } catch (JsonMappingException e) {
            throw new InvalidRequestException(pathOf(e, prefix), describe(e));
        } catch (JsonProcessingException e) {
            throw new InvalidRequestException(prefix.isEmpty() ? "body" : prefix, firstLine(e.getOriginalMessage()));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(prefix.isEmpty() ? "body" : prefix, firstLine(e.getMessage()));
        }
    }

    /** The JSON path of a mapping error, as the contract names fields: {@code history.contacts[0].at}. */
    public static String pathOf(JsonMappingException e, String prefix) {
        StringBuilder path = new StringBuilder(prefix);
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }

    /** What is wrong with a value, in words a client can act on. */
    public static String describe(JsonMappingException e) {
        if (e instanceof InvalidFormatException f) {
            Class<?> target = f.getTargetType();
            if (target != null && target.isEnum()) {
                return "'" + f.getValue() + "' is not one of " + java.util.Arrays.toString(target.getEnumConstants());
            }
            return "'" + f.getValue() + "' is not a valid " + typeName(target);
        }
        if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            return "must be " + article(typeName(m.getTargetType()));
        }
        return firstLine(e.getOriginalMessage());
    }

    private static String typeName(Class<?> type) {
        if (type == null) {
            return "value";
        }
        return switch (type.getSimpleName()) {
            case "Instant" -> "instant with an offset (2026-03-09T15:00:00Z)";
            case "LocalDate" -> "date (2026-02-01)";
            case "LocalTime" -> "time (08:00)";
            case "BigDecimal" -> "decimal amount (\"850.00\")";
            case "ZoneId" -> "IANA time zone (America/New_York)";
            case "Integer", "int" -> "whole number";
            case "Boolean", "boolean" -> "boolean";
            case "String" -> "string";
            case "List", "ArrayList" -> "list";
            default -> type.isEnum() ? "value of " + java.util.Arrays.toString(type.getEnumConstants()) : "object";
        };
    }

    private static String article(String noun) {
        return (noun.matches("^[aeiouAEIOU].*") ? "an " : "a ") + noun;
    }

    public static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    static final class MoneySerializer extends StdSerializer<BigDecimal> {
        MoneySerializer() {
            super(BigDecimal.class);
        }

        @Override
        public void serialize(BigDecimal value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(value.setScale(2, RoundingMode.HALF_UP).toPlainString());
        }
    }
}
