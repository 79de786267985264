package app.dunwell.ruleset;

import app.dunwell.decision.FamilyFlag;
import app.dunwell.policy.DmnResult;
import app.dunwell.policy.InvoiceCase;
import app.dunwell.policy.Settings;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.kie.dmn.api.core.DMNContext;
import org.kie.dmn.api.core.DMNDecisionResult;
import org.kie.dmn.api.core.DMNModel;
import org.kie.dmn.api.core.DMNResult;
import org.kie.dmn.api.core.DMNRuntime;
import org.kie.dmn.api.core.ast.InputDataNode;
import org.kie.dmn.api.core.event.AfterEvaluateDecisionTableEvent;
import org.kie.dmn.api.core.event.DMNRuntimeEventListener;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Evaluates every decision of every DMN model over the case and hands the results to the rules as
 * {@link DmnResult} facts. A model may use any of the inputs named in {@link #inputsOf}; the rules
 * decide whether a result matters.
 */
final class DmnTables {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
            .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final ThreadLocal<Map<String, List<Integer>>> MATCHES = ThreadLocal.withInitial(HashMap::new);

    /** The facts a DMN table may take as inputs, by name: see {@link #inputsOf}. */
    static final java.util.Set<String> INPUTS = java.util.Set.of("daysOverdue", "balance", "status", "flags", "hardship",
            "lookbackInvoices", "lookbackOnTime", "lateCount", "onTimeRate", "daysSinceFinalNotice", "settings");

    /** Distinct input combinations remembered with their results; beyond this many the memory starts over. */
    private static final int MAX_REMEMBERED = 20_000;

    private final DMNRuntime runtime;
    /** The models whose FEEL reads the clock ({@code now()}, {@code today()}): evaluated every time. */
    private final java.util.Set<String> readsTheClock;
    private final List<Model> models;
    /**
     * A model's results by its inputs. The tables are a function of their inputs, and the engine's FEEL interpreter
     * costs more than the rest of a decision: a run or a batch decides many invoices with the same days overdue and the
     * same center settings, each combination evaluated once per ruleset.
     */
    private final Map<List<Object>, List<DmnResult>> remembered = new java.util.concurrent.ConcurrentHashMap<>();

    DmnTables(DMNRuntime runtime, Map<String, String> sources) {
        this.runtime = runtime;
        this.readsTheClock = sources.entrySet().stream()
                .filter(e -> e.getValue().toLowerCase(java.util.Locale.ROOT).matches("(?s).*\\b(now|today)\\s*\\(.*"))
                .map(Map.Entry::getKey).collect(Collectors.toUnmodifiableSet());
        this.models = runtime == null ? List.of() : runtime.getModels().stream()
                .map(m -> new Model(m, sourceOf(m), m.getInputs().stream().map(InputDataNode::getName).toList(),
                        !readsTheClock.contains(sourceOf(m))))
                .toList();
        if (runtime != null) {
            runtime.addListener(new DMNRuntimeEventListener() {
                @Override
                public void afterEvaluateDecisionTable(AfterEvaluateDecisionTableEvent event) {
                    MATCHES.get().put(event.getDecisionTableName(), event.getSelected());
                }
            });
        }
    }

    /** The settings as the DMN tables take them (the input {@code settings}). */
    @SuppressWarnings("unchecked")
    static Map<String, Object> settingsMap(Settings settings) {
        return java.util.Collections.unmodifiableMap(MAPPER.convertValue(settings, Map.class));
    }

    List<DmnResult> evaluate(List<Object> facts, Map<String, Object> settings) {
        if (runtime == null) {
            return List.of();
        }
        InvoiceCase invoiceCase = facts.stream().filter(InvoiceCase.class::isInstance).map(InvoiceCase.class::cast)
                .findFirst().orElseThrow();
        Map<String, Object> inputs = inputsOf(invoiceCase, settings);
        List<DmnResult> results = new ArrayList<>();
        for (Model m : models) {
            DMNModel model = m.model();
            String source = m.source();
            boolean pure = m.pure();
            List<Object> key = pure ? keyOf(m, inputs) : null;
            List<DmnResult> known = pure ? remembered.get(key) : null;
            if (known != null) {
                results.addAll(known);
                continue;
            }
            List<DmnResult> fresh = evaluate(model, source, inputs);
            if (pure && fresh.stream().allMatch(r -> r.detail().indexOf(" (FAILED") < 0 && r.detail().indexOf(" (SKIPPED") < 0)) {
                if (remembered.size() >= MAX_REMEMBERED) {
                    remembered.clear();
                }
                remembered.put(key, fresh);
            }
            results.addAll(fresh);
        }
        return results;
    }

    private List<DmnResult> evaluate(DMNModel model, String source, Map<String, Object> inputs) {
        DMNContext context = runtime.newContext();
        Map<String, Object> used = new LinkedHashMap<>();
        for (InputDataNode input : model.getInputs()) {
            Object value = inputs.get(input.getName());
            context.set(input.getName(), value);
            if (!"settings".equals(input.getName())) {
                used.put(input.getName(), value);
            }
        }
        MATCHES.get().clear();
        try {
            DMNResult result = runtime.evaluateAll(model, context);
            List<DmnResult> results = new ArrayList<>();
            for (DMNDecisionResult decision : result.getDecisionResults()) {
                String detail = used.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining(", "))
                        + " -> " + decision.getResult() + rowsOf(decision.getDecisionName());
                if (decision.getEvaluationStatus() != DMNDecisionResult.DecisionEvaluationStatus.SUCCEEDED) {
                    detail += " (" + decision.getEvaluationStatus() + ": " + decision.getMessages() + ")";
                }
                results.add(new DmnResult(decision.getDecisionName(), decision.getResult(), source, detail));
            }
            return List.copyOf(results);
        } finally {
            MATCHES.remove();
        }
    }

    /** A model's answer depends on its inputs only (unless it reads the clock): the model and the values of its inputs. */
    private static List<Object> keyOf(Model m, Map<String, Object> inputs) {
        List<Object> key = new ArrayList<>(m.inputs().size() + 1);
        key.add(m.source());
        for (String input : m.inputs()) {
            Object value = inputs.get(input);
            // The settings map is one object per resolved center settings: compared by identity, not walked.
            key.add(value instanceof Map<?, ?> ? new Same(value) : value);
        }
        return key;
    }

    /** A compiled model, where it came from, the names of its inputs, and whether its answer depends on them only. */
    private record Model(DMNModel model, String source, List<String> inputs, boolean pure) {
    }

    private record Same(Object ref) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Same same && same.ref == ref;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(ref);
        }
    }

    private static String rowsOf(String decisionName) {
        List<Integer> rows = MATCHES.get().get(decisionName);
        return rows == null || rows.isEmpty() ? "" : " (row " + rows.stream().map(String::valueOf).collect(Collectors.joining(", ")) + ")";
    }

    private static String sourceOf(DMNModel model) {
        return model.getResource() != null && model.getResource().getSourcePath() != null
                ? model.getResource().getSourcePath() : "dmn/" + model.getName() + ".dmn";
    }

    /** The inputs a DMN model may declare, by name. */
    static Map<String, Object> inputsOf(InvoiceCase c, Map<String, Object> settings) {
        Map<String, Object> inputs = new HashMap<>();
        inputs.put("daysOverdue", c.daysOverdue());
        inputs.put("balance", c.balance());
        inputs.put("status", c.status().name());
        inputs.put("flags", c.flags().stream().map(Enum::name).toList());
        inputs.put("hardship", c.hasFlag(FamilyFlag.HARDSHIP));
        inputs.put("lookbackInvoices", c.lookbackInvoices());
        inputs.put("lookbackOnTime", c.lookbackOnTime());
        inputs.put("lateCount", c.lateCount());
        inputs.put("onTimeRate", c.onTimeRate());
        inputs.put("daysSinceFinalNotice", c.daysSinceFinalNotice());
        inputs.put("settings", settings);
        return inputs;
    }
}
