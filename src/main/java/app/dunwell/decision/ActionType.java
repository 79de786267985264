package app.dunwell.decision;

/** What a decision asks the billing platform to do. Part of the decision API contract. */
public enum ActionType {
    SEND_REMINDER, ASSESS_LATE_FEE, WAIVE_LATE_FEE, CREATE_TASK, OFFER_PAYMENT_PLAN, PAUSE_AUTOMATION, ADD_COMMENT
}
