package app.dunwell.decision;

/** An invoice's follow-up status; the overdue ladder runs UNPAID < FIRST < SECOND < FINAL < COLLECTIONS < CANCELLED. Part of the decision API contract. */
public enum InvoiceStatus {
    UNPAID, FIRST, SECOND, FINAL, COLLECTIONS, CANCELLED, PAID
}
