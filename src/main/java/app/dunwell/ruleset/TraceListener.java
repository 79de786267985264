package app.dunwell.ruleset;

import app.dunwell.policy.DmnResult;
import app.dunwell.policy.Trace;
import org.kie.api.definition.rule.Rule;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.drools.base.definitions.rule.impl.RuleImpl;

import java.util.List;

/**
 * Tells the decision's {@link Trace} (the session's global {@code trace}, set for each decision) which rule fired, from which
 * file, and which DMN results it used.
 */
final class TraceListener extends DefaultAgendaEventListener {

    @Override
    public void afterMatchFired(AfterMatchFiredEvent event) {
        Rule rule = event.getMatch().getRule();
        List<DmnResult> tables = new java.util.ArrayList<>(2);
        for (Object fact : event.getMatch().getObjects()) {
            if (fact instanceof DmnResult result) {
                tables.add(result);
            }
        }
        Trace trace = (Trace) event.getKieRuntime().getGlobal("trace");
        trace.ruleFired(rule.getName(), sourceOf(rule), tables);
    }

    private static String sourceOf(Rule rule) {
        if (rule instanceof RuleImpl impl && impl.getResource() != null && impl.getResource().getSourcePath() != null) {
            return impl.getResource().getSourcePath();
        }
        return "rules/" + rule.getPackageName();
    }
}
