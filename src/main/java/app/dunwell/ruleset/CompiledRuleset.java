package app.dunwell.ruleset;

import app.dunwell.decision.Action;
import app.dunwell.decision.Decision;
import app.dunwell.decision.DecisionRequest;
import app.dunwell.decision.PolicyEngine;
import app.dunwell.policy.CaseFacts;
import app.dunwell.policy.DmnResult;
import app.dunwell.policy.Settings;
import app.dunwell.policy.SettingsResolver;
import app.dunwell.policy.Trace;
import org.kie.api.KieBase;
import org.kie.api.runtime.KieSession;
import org.kie.dmn.api.core.DMNRuntime;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One compiled, validated ruleset. Deciding runs the DMN tables over the case, then the DRL rules
 * phase by phase in a fresh session: nothing is shared between decisions, so the same request
 * always gets the same answer from the same version.
 */
public final class CompiledRuleset implements PolicyEngine {
    private static final int MAX_RULE_FIRINGS = 10_000;

    private final RuleFiles files;
    private final Instant loadedAt;
    private final KieBase kieBase;
    private final DmnTables dmnTables;
    private final SettingsResolver settings;
    private final List<RuleFileError> warnings;
    /** The phases ({@code ruleflow-group}s) of {@code rules/phases.txt}, in the order they run. */
    private final List<String> phases;

    CompiledRuleset(RuleFiles files, Instant loadedAt, KieBase kieBase, DMNRuntime dmnRuntime, SettingsResolver settings,
                    List<RuleFileError> warnings, List<String> phases) {
        this.warnings = List.copyOf(warnings);
        this.phases = List.copyOf(phases);
        this.files = files;
        this.loadedAt = loadedAt;
        this.kieBase = kieBase;
        this.dmnTables = new DmnTables(dmnRuntime);
        this.settings = settings;
    }

    @Override
    public String version() {
        return files.version();
    }

    public RuleFiles files() {
        return files;
    }

    /** What the DMN validator and decision-table analysis noted without refusing the ruleset (gaps, overlaps…). */
    public List<RuleFileError> warnings() {
        return warnings;
    }

    public Instant loadedAt() {
        return loadedAt;
    }

    /** The settings a center gets: its overrides merged over this ruleset's defaults. */
    public Settings settings(com.fasterxml.jackson.databind.node.ObjectNode overrides) {
        return settings.resolve(overrides, "center.settings");
    }

    @Override
    public Decision decide(DecisionRequest request) {
        var overrides = request.centerOrDefault().settings();
        Settings merged = settings.resolve(overrides, "center.settings");
        List<Object> facts = CaseFacts.of(request, merged);
        facts.addAll(dmnTables.evaluate(facts, merged));

        Trace trace = new Trace();
        KieSession session = kieBase.newKieSession();
        try {
            session.setGlobal("trace", trace);
            session.addEventListener(new TraceListener(trace));
            facts.forEach(session::insert);
            for (int i = phases.size() - 1; i >= 0; i--) {
                session.getAgenda().getAgendaGroup(phases.get(i)).setFocus();
            }
            int fired = session.fireAllRules(MAX_RULE_FIRINGS);
            if (fired >= MAX_RULE_FIRINGS) {
                throw new IllegalStateException("the rules did not settle after " + fired + " firings");
            }
            return assemble(request, session, trace);
        } finally {
            session.dispose();
        }
    }

    private Decision assemble(DecisionRequest request, KieSession session, Trace trace) {
        List<Action> actions = new ArrayList<>();
        List<Decision.Suppression> suppressed = new ArrayList<>();
        List<Decision.StatusChange> moves = new ArrayList<>();
        for (Object fact : session.getObjects()) {
            if (fact instanceof Action action) {
                actions.add(action);
            } else if (fact instanceof Decision.Suppression suppression) {
                suppressed.add(suppression);
            } else if (fact instanceof Decision.StatusChange move) {
                moves.add(move);
            }
        }
        if (moves.size() > 1) {
            throw new IllegalStateException("the rules moved the status more than once: " + moves);
        }
        actions.sort(Comparator.comparing(Action::type).thenComparing(a -> String.valueOf(a.kind()))
                .thenComparing(a -> String.valueOf(a.taskType())));
        suppressed.sort(Comparator.comparing((Decision.Suppression s) -> String.valueOf(s.kind()))
                .thenComparing(s -> s.reason().name()));
        return new Decision(null, request.invoice().id(), request.asOf(), version(),
                moves.isEmpty() ? null : moves.get(0), actions, suppressed, trace.entries());
    }
}
