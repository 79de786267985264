package app.dunwell.ruleset;

import java.util.List;
import java.util.stream.Collectors;

/** A ruleset that did not compile or validate; it is never served. */
public class RulesetRejectedException extends RuntimeException {
    private final List<RuleFileError> errors;

    public RulesetRejectedException(List<RuleFileError> errors) {
        super("ruleset rejected: " + errors.stream().map(RuleFileError::toString).collect(Collectors.joining("; ")));
        this.errors = List.copyOf(errors);
    }

    public List<RuleFileError> errors() {
        return errors;
    }
}
