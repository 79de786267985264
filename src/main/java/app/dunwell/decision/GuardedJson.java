package app.dunwell.decision;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.JsonParserDelegate;

import java.io.IOException;

/**
 * Reads JSON the way every Dunwell endpoint takes it, refusing in the same pass what no client needs to send and what
 * would cost the service or its database dearly: the NUL character in a string or a name (PostgreSQL cannot store it),
 * numbers written with an exponent or longer than {@value #MAX_NUMBER_CHARS} characters ({@code 1e1000000} is a
 * million-digit amount once scaled), strings longer than {@value #MAX_STRING_CHARS} characters and nesting deeper than
 * {@value #MAX_DEPTH}. The refusal names the field as the API does ({@code history.replies[0].text}).
 */
public final class GuardedJson extends JsonParserDelegate {
    public static final int MAX_NUMBER_CHARS = 40;
    public static final int MAX_STRING_CHARS = 20_000;
    public static final int MAX_DEPTH = 32;

    private GuardedJson(JsonParser parser) {
        super(parser);
    }

    public static JsonParser wrap(JsonParser parser) {
        return new GuardedJson(parser);
    }

    @Override
    public JsonToken nextToken() throws IOException {
        JsonToken token = super.nextToken();
        if (token == null) {
            return null;
        }
        switch (token) {
            case START_OBJECT, START_ARRAY -> {
                if (getParsingContext().getNestingDepth() > MAX_DEPTH) {
                    throw refused("nests deeper than " + MAX_DEPTH + " levels");
                }
            }
            case FIELD_NAME -> {
                if (currentName().indexOf('\0') >= 0) {
                    throw refused("has a field name with the NUL character (\\u0000)");
                }
            }
            case VALUE_STRING -> {
                String text = getText();
                if (text.indexOf('\0') >= 0) {
                    throw refused("must not contain the NUL character (\\u0000)");
                }
                if (text.length() > MAX_STRING_CHARS) {
                    throw refused("is longer than " + MAX_STRING_CHARS + " characters");
                }
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                String text = getText();
                if (text.length() > MAX_NUMBER_CHARS) {
                    throw refused("is a number of more than " + MAX_NUMBER_CHARS + " characters");
                }
                if (text.indexOf('e') >= 0 || text.indexOf('E') >= 0) {
                    throw refused("must be written without an exponent ('" + text + "')");
                }
            }
            default -> {
            }
        }
        return token;
    }

    private Refused refused(String message) {
        return new Refused(pathOf(getParsingContext()), message);
    }

    /**
     * A refusal, as an {@link IOException} that is not one of Jackson's, so that Jackson hands it on unwrapped; callers turn
     * it into a 400 problem with {@link #problem()}.
     */
    public static final class Refused extends IOException {
        private final String field;

        Refused(String field, String message) {
            super(message);
            this.field = field;
        }

        public InvalidRequestException problem() {
            return new InvalidRequestException(field, getMessage());
        }
    }

    /** The path of the current token as the API names fields: {@code invoice.payments[0].amount}. */
    static String pathOf(JsonStreamContext context) {
        java.util.LinkedList<String> parts = new java.util.LinkedList<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                parts.addFirst("[" + Math.max(c.getCurrentIndex(), 0) + "]");
            } else if (c.getCurrentName() != null) {
                parts.addFirst(sanitised(c.getCurrentName()));
            }
        }
        StringBuilder path = new StringBuilder();
        for (String part : parts) {
            if (!part.startsWith("[") && !path.isEmpty()) {
                path.append('.');
            }
            path.append(part);
        }
        return path.isEmpty() ? "body" : path.toString();
    }

    private static String sanitised(String name) {
        String clean = name.replace("\0", "\\u0000");
        return clean.length() > 100 ? clean.substring(0, 100) + "…" : clean;
    }
}
