package app.dunwell.decision;

/** Why the policy held back something it would have done. Part of the decision API contract. */
public enum SuppressionReason {
    OPTED_OUT, NO_CHANNEL, CONTACT_CAP, STALE, PAUSED, PARTIAL_PAYMENT, ALREADY_SENT
}
