package app.dunwell.decision;

/**
 * The one narrow door to the rules: a pure function of the request (which carries its own moment,
 * {@code asOf}) and the ruleset behind it. No clock, no database, no I/O.
 */
public interface PolicyEngine {
    /** Content hash of the ruleset, {@code sha256:…}. */
    String version();

    /** @throws InvalidRequestException when the request's settings overrides cannot be used */
    Decision decide(DecisionRequest request);
}
