package app.dunwell.decision;

/** A way to reach a family. Part of the decision API contract. */
public enum Channel {
    EMAIL, SMS, IN_APP
}
