package app.dunwell.policy;

import app.dunwell.decision.Decision.TraceEntry;
import org.kie.api.runtime.rule.RuleContext;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which rules and tables contributed to a decision. The engine records every rule that fired and
 * every DMN decision such a rule used; a rule may add a detail with {@code trace.because(kcontext, "…")}
 * (the global {@code trace} in every DRL file).
 */
public final class Trace {
    private final List<TraceEntry> entries = new ArrayList<>();
    private final Set<String> dmnSeen = new LinkedHashSet<>();
    private final Map<String, String> pendingDetail = new HashMap<>();

    /** Called from a rule's consequence: explains what the rule saw. */
    public void because(RuleContext context, String detail) {
        pendingDetail.merge(context.getRule().getName(), detail, (a, b) -> a + "; " + b);
    }

    /** Called by the engine after a rule fired. */
    public void ruleFired(String rule, String source, List<DmnResult> usedTables) {
        for (DmnResult table : usedTables) {
            if (dmnSeen.add(table.source() + "#" + table.decision())) {
                entries.add(new TraceEntry(table.decision(), table.source(), table.detail()));
            }
        }
        entries.add(new TraceEntry(rule, source, pendingDetail.remove(rule)));
    }

    public List<TraceEntry> entries() {
        return List.copyOf(entries);
    }
}
