package app.dunwell.api;

/** The decision log does not keep up with the decisions asked for: the caller should slow down and ask again. */
public class DecisionLogBusyException extends RuntimeException {
    public DecisionLogBusyException() {
        super("the decision log is not keeping up with the decisions asked for; ask again in a moment");
    }
}
