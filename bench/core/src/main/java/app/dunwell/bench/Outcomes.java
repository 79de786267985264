package app.dunwell.bench;

import app.dunwell.decision.Decision;
import app.dunwell.decision.JsonMapping;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Compares two decisions on what the contract fixes: the status change, the actions as a multiset
 * (order carries no meaning) and the suppressed entries as a set. Both are written through the contract's
 * JSON mapping first, so money compares as a two-place decimal and instants as UTC instants.
 */
final class Outcomes {
    private static final ObjectMapper MAPPER = JsonMapping.newMapper();

    private Outcomes() {
    }

    /** The canonical form of the compared part of a decision. */
    record Canonical(String status, List<String> actions, TreeSet<String> suppressed) {
        String describe() {
            return "status=" + status + "\n      actions=" + actions + "\n      suppressed=" + suppressed;
        }
    }

    static Canonical of(Decision d) {
        List<String> actions = new ArrayList<>();
        d.actions().forEach(a -> actions.add(json(a)));
        actions.sort(null);
        TreeSet<String> suppressed = new TreeSet<>();
        d.suppressed().forEach(s -> suppressed.add(json(s)));
        return new Canonical(d.status() == null ? "null" : json(d.status()), actions, suppressed);
    }

    /** Empty when the two agree; else each difference in words. */
    static List<String> differences(Decision ruleset, Decision reference) {
        Canonical a = of(ruleset);
        Canonical b = of(reference);
        List<String> out = new ArrayList<>();
        if (!a.status().equals(b.status())) {
            out.add("status: ruleset " + a.status() + ", reference " + b.status());
        }
        if (!a.actions().equals(b.actions())) {
            List<String> onlyA = new ArrayList<>(a.actions());
            b.actions().forEach(onlyA::remove);
            List<String> onlyB = new ArrayList<>(b.actions());
            a.actions().forEach(onlyB::remove);
            out.add("actions: only the ruleset " + onlyA + ", only the reference " + onlyB);
        }
        if (!a.suppressed().equals(b.suppressed())) {
            TreeSet<String> onlyA = new TreeSet<>(a.suppressed());
            onlyA.removeAll(b.suppressed());
            TreeSet<String> onlyB = new TreeSet<>(b.suppressed());
            onlyB.removeAll(a.suppressed());
            out.add("suppressed: only the ruleset " + onlyA + ", only the reference " + onlyB);
        }
        return out;
    }

    static String json(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
