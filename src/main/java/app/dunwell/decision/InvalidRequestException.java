package app.dunwell.decision;

import java.util.List;

/** A request that cannot be decided; the API answers it with a 400 problem naming every field. */
public class InvalidRequestException extends RuntimeException {
    /** An answer names at most this many fields; {@link #total()} says how many there were. */
    public static final int MAX_LISTED = 100;

    private final List<FieldError> errors;
    private final int total;

    public InvalidRequestException(List<FieldError> errors) {
        super(errors.isEmpty() ? "invalid request" : errors.get(0).field() + ": " + errors.get(0).message(), null, false, false);
        this.errors = List.copyOf(errors.subList(0, Math.min(errors.size(), MAX_LISTED)));
        this.total = errors.size();
    }

    public InvalidRequestException(String field, String message) {
        this(List.of(new FieldError(field, message)));
    }

    /** The fields at fault, at most {@link #MAX_LISTED}. */
    public List<FieldError> errors() {
        return errors;
    }

    /** How many fields were at fault, listed or not. */
    public int total() {
        return total;
    }
}
