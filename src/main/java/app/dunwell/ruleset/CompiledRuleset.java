package app.dunwell.ruleset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.kie.api.runtime.KieSessionsPool;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

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
 * phase by phase in a session of the pool, reset between decisions: nothing of one decision is seen by
 * the next, so the same request always gets the same answer from the same version.
 */
public final class CompiledRuleset implements PolicyEngine {
    private static final int MAX_RULE_FIRINGS = 10_000;

    /** Distinct center overrides remembered with their resolved settings; beyond this many the memory starts over. */
    private static final int MAX_REMEMBERED_OVERRIDES = 4096;

    private final RuleFiles files;
    /** The content hash, computed once: the files never change. */
    private final String version;
    private final Instant loadedAt;
    private final KieBase kieBase;
    /** Sessions are reused: a disposed one is reset and handed to the next decision, which is far cheaper than a new one. */
    private final KieSessionsPool sessions;
    /** The settings each distinct center override resolves to (with the map the DMN tables read), resolved once. */
    private final Map<JsonNode, Resolved> resolved = new ConcurrentHashMap<>();
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
        this.version = files.version();
        this.loadedAt = loadedAt;
        this.kieBase = kieBase;
        this.sessions = kieBase == null ? null : kieBase.newKieSessionsPool(Runtime.getRuntime().availableProcessors());
        this.dmnTables = new DmnTables(dmnRuntime, files.ofKind(".dmn"));
        this.settings = settings;
    }

    @Override
    public String version() {
        return version;
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
    public Settings settings(ObjectNode overrides) {
        return resolvedFor(overrides).settings();
    }

    @Override
    public Decision decide(DecisionRequest request) {
        return DecidingSlots.SHARED.run(() -> decideNow(request));
    }

    private Decision decideNow(DecisionRequest request) {
        Resolved merged = resolvedFor(request.centerOrDefault().settings());
        List<Object> facts = CaseFacts.of(request, merged.settings());
        facts.addAll(dmnTables.evaluate(facts, merged.asMap()));

        Trace trace = new Trace();
        KieSession session = sessions.newKieSession();
        try {
            session.setGlobal("trace", trace);
            // A reused session keeps its listener, which reads the trace of the decision at hand from the global.
            if (session.getAgendaEventListeners().stream().noneMatch(TraceListener.class::isInstance)) {
                session.addEventListener(new TraceListener());
            }
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

    /** Settings merged and validated once per distinct override; a bad override is refused every time, never remembered. */
    private Resolved resolvedFor(ObjectNode overrides) {
        JsonNode key = overrides == null ? NullNode.getInstance() : overrides;
        Resolved known = resolved.get(key);
        if (known != null) {
            return known;
        }
        Settings merged = settings.resolve(overrides, "center.settings");
        Resolved fresh = new Resolved(merged, DmnTables.settingsMap(merged));
        if (resolved.size() >= MAX_REMEMBERED_OVERRIDES) {
            resolved.clear();
        }
        resolved.put(key.deepCopy(), fresh);
        return fresh;
    }

    /** A center's settings and the same as the map the DMN tables take. */
    private record Resolved(Settings settings, Map<String, Object> asMap) {
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
