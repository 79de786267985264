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

    private final DMNRuntime runtime;

    DmnTables(DMNRuntime runtime) {
        this.runtime = runtime;
        if (runtime != null) {
            runtime.addListener(new DMNRuntimeEventListener() {
                @Override
                public void afterEvaluateDecisionTable(AfterEvaluateDecisionTableEvent event) {
                    MATCHES.get().put(event.getDecisionTableName(), event.getSelected());
                }
            });
        }
    }

    List<DmnResult> evaluate(List<Object> facts, Settings settings) {
        if (runtime == null) {
            return List.of();
        }
        InvoiceCase invoiceCase = facts.stream().filter(InvoiceCase.class::isInstance).map(InvoiceCase.class::cast)
                .findFirst().orElseThrow();
        Map<String, Object> inputs = inputsOf(invoiceCase, settings);
        List<DmnResult> results = new ArrayList<>();
        for (DMNModel model : runtime.getModels()) {
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
            DMNResult result = runtime.evaluateAll(model, context);
            for (DMNDecisionResult decision : result.getDecisionResults()) {
                String detail = used.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining(", "))
                        + " -> " + decision.getResult() + rowsOf(decision.getDecisionName());
                if (decision.getEvaluationStatus() != DMNDecisionResult.DecisionEvaluationStatus.SUCCEEDED) {
                    detail += " (" + decision.getEvaluationStatus() + ": " + decision.getMessages() + ")";
                }
                results.add(new DmnResult(decision.getDecisionName(), decision.getResult(), sourceOf(model), detail));
            }
        }
        MATCHES.remove();
        return results;
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
    static Map<String, Object> inputsOf(InvoiceCase c, Settings settings) {
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
        inputs.put("settings", MAPPER.convertValue(settings, Map.class));
        return inputs;
    }
}
