package app.dunwell.decision;

/** The kinds of reminder a family can be sent. Part of the decision API contract. */
public enum ReminderKind {
    PRE_DUE, OVERDUE_FIRST, OVERDUE_SECOND, OVERDUE_FINAL
}
