package app.dunwell.policy;

/**
 * The result of one DMN decision, inserted for the rules to use.
 *
 * @param decision the decision's name in the model ({@code Overdue Stage})
 * @param source   the file it came from ({@code dmn/escalation.dmn})
 * @param detail   which rows of its table matched, for the trace
 */
public record DmnResult(String decision, Object value, String source, String detail) {
    public String text() {
        return value == null ? null : value.toString();
    }
}
