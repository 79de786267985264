package app.dunwell.decision;

import java.math.BigDecimal;

/** Amounts as Dunwell takes them anywhere: not negative, whole cents, and at most what its database keeps (numeric(12, 2)). */
public final class Money {
    public static final BigDecimal MAX = new BigDecimal("9999999999.99");

    private Money() {
    }

    /** What is wrong with the amount, or null when it is a valid amount. */
    public static String problem(BigDecimal amount) {
        if (amount.signum() < 0) {
            return "must not be negative";
        }
        if (amount.scale() < 0) {
            return "must be written as a plain decimal (\"1000.00\"), without an exponent";
        }
        if (amount.scale() > 2 && amount.stripTrailingZeros().scale() > 2) {
            return "must be a whole number of cents (two decimal places at most)";
        }
        if (amount.compareTo(MAX) > 0) {
            return "must be at most " + MAX.toPlainString();
        }
        return null;
    }

    /** Throws a problem naming {@code field} when the amount (if given) is not valid. */
    public static void check(BigDecimal amount, String field) {
        String problem = amount == null ? null : problem(amount);
        if (problem != null) {
            throw new InvalidRequestException(field, problem);
        }
    }
}
