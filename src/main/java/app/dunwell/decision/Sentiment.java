package app.dunwell.decision;

/** How a family's reply reads. Part of the decision API contract. */
public enum Sentiment {
    POSITIVE, NEUTRAL, CONFUSED, FRUSTRATED, HARDSHIP, DISPUTE, PROMISE_TO_PAY, OPT_OUT
}
