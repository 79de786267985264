package app.dunwell.ruleset;

/** A problem in one rule file: where it is and what is wrong. {@code line} is 0 when unknown. */
public record RuleFileError(String file, int line, String message) {
    @Override
    public String toString() {
        return file + (line > 0 ? ":" + line : "") + ": " + message;
    }
}
