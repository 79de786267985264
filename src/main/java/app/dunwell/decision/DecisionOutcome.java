package app.dunwell.decision;

import java.util.Locale;

/**
 * A decision in one word, for counting decisions: the status it steps the invoice to ({@code first}, {@code second},
 * {@code final}, {@code collections}, ...), else {@code actions} when it asks for something without a status change,
 * else {@code no_action}. A closed set: never an id or an amount.
 */
public final class DecisionOutcome {
    public static final String ACTIONS = "actions";
    public static final String NO_ACTION = "no_action";
    private static final String[] STEPS = java.util.Arrays.stream(InvoiceStatus.values())
            .map(s -> s.name().toLowerCase(Locale.ROOT)).toArray(String[]::new);

    private DecisionOutcome() {
    }

    public static String of(Decision decision) {
        if (decision.status() != null && decision.status().to() != null) {
            return STEPS[decision.status().to().ordinal()];
        }
        return decision.actions() == null || decision.actions().isEmpty() ? NO_ACTION : ACTIONS;
    }
}
