package app.dunwell.api;

/** No valid ruleset is loaded, so nothing can be decided. */
public class NoActiveRulesetException extends RuntimeException {
    public NoActiveRulesetException(String message) {
        super(message);
    }
}
