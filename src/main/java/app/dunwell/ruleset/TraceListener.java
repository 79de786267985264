package app.dunwell.ruleset;

import app.dunwell.policy.DmnResult;
import app.dunwell.policy.Trace;
import org.kie.api.definition.rule.Rule;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.drools.base.definitions.rule.impl.RuleImpl;

import java.util.List;

/** Tells the decision's {@link Trace} which rule fired, from which file, and which DMN results it used. */
final class TraceListener extends DefaultAgendaEventListener {
    private final Trace trace;

    TraceListener(Trace trace) {
        this.trace = trace;
    }

    @Override
    public void afterMatchFired(AfterMatchFiredEvent event) {
        Rule rule = event.getMatch().getRule();
        List<DmnResult> tables = event.getMatch().getObjects().stream()
                .filter(DmnResult.class::isInstance)
                .map(DmnResult.class::cast)
                .toList();
        trace.ruleFired(rule.getName(), sourceOf(rule), tables);
    }

    private static String sourceOf(Rule rule) {
        if (rule instanceof RuleImpl impl && impl.getResource() != null && impl.getResource().getSourcePath() != null) {
            return impl.getResource().getSourcePath();
        }
        return "rules/" + rule.getPackageName();
    }
}
