package app.dunwell.decision;

/** Flags a center sets on a family. Part of the decision API contract. */
public enum FamilyFlag {
    HARDSHIP, DISPUTE_OPEN, PAYMENT_PLAN_ACTIVE, MANUAL_REVIEW
}
