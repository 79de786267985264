package app.dunwell.decision;

/** Work the policy hands to a person. Part of the decision API contract. */
public enum TaskType {
    DIRECTOR_CALLBACK, LATE_FEE_REVIEW, HARDSHIP_REVIEW, DISPUTE_REVIEW, STAFF_CALL, BILLING_QUESTION, NO_CHANNEL, REPLY_REVIEW
}
