package app.dunwell.ruleset;

import app.dunwell.decision.Action;
import app.dunwell.decision.Decision;
import app.dunwell.decision.DecisionRequest;
import app.dunwell.decision.DecisionRequestReader;
import app.dunwell.decision.JsonMapping;
import app.dunwell.decision.PolicyEngine;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Replays decision requests under the active and a candidate ruleset and reports what the candidate
 * would change: how many outcomes (status, actions, suppressed) differ, which action types and
 * reasons appear or disappear, and examples.
 */
public final class ImpactPreview {
    private static final int EXAMPLES = 10;

    private final ObjectMapper mapper = JsonMapping.newMapper();
    private final DecisionRequestReader reader = new DecisionRequestReader(mapper);

    /** One request that was replayed, with an optional reference to where it came from. */
    public record Replay(String decisionId, JsonNode request) {
    }

    /** How often a kind of outcome appears in changed decisions where it did not before, and disappears. */
    public record Count(int added, int removed) {
    }

    public record Example(String decisionId, String invoiceId, String asOf, Outcome before, Outcome after) {
    }

    /** The part of a decision that a ruleset change can alter. */
    public record Outcome(Decision.StatusChange status, List<Action> actions, List<Decision.Suppression> suppressed) {
    }

    public record Report(String activeVersion, String candidateVersion, int replayed, int changed, int unchanged,
                         int failed, Map<String, Count> byActionType, Map<String, Count> byReason,
                         List<Example> examples) {
    }

    /** Replays every request with both engines, in this process (both are trusted: the serving one, or it with other settings). */
    public Report compare(PolicyEngine active, PolicyEngine candidate, List<Replay> replays) {
        List<JsonNode> requests = replays.stream().map(Replay::request).toList();
        return compare(active.version(), candidate.version(), replays, decide(active, requests), decide(candidate, requests));
    }

    /** Each request decided by the engine: its outcome, or empty when it cannot be decided. */
    public List<Optional<Outcome>> decide(PolicyEngine engine, List<JsonNode> requests) {
        List<Optional<Outcome>> outcomes = new ArrayList<>(requests.size());
        for (JsonNode request : requests) {
            try {
                // Through JSON, as the sandbox answers: both sides compare the same way (money scale, instants).
                Decision decision = mapper.treeToValue(mapper.valueToTree(engine.decide(reader.read(request))), Decision.class);
                outcomes.add(Optional.of(outcome(decision)));
            } catch (RuntimeException | com.fasterxml.jackson.core.JsonProcessingException e) {
                outcomes.add(Optional.empty());
            }
        }
        return outcomes;
    }

    /** Decisions as JSON (the sandbox's answer): each outcome, or empty where the entry is an error. */
    public List<Optional<Outcome>> outcomesOf(List<JsonNode> decisions) {
        List<Optional<Outcome>> outcomes = new ArrayList<>(decisions.size());
        for (JsonNode decision : decisions) {
            try {
                outcomes.add(decision.has("error") ? Optional.empty() : Optional.of(outcome(mapper.treeToValue(decision, Decision.class))));
            } catch (Exception e) {
                outcomes.add(Optional.empty());
            }
        }
        return outcomes;
    }

    /** What changes between the outcomes before and after, request by request. */
    public Report compare(String activeVersion, String candidateVersion, List<Replay> replays, List<Optional<Outcome>> before,
                          List<Optional<Outcome>> after) {
        Tally tally = new Tally();
        for (int i = 0; i < replays.size(); i++) {
            Replay replay = replays.get(i);
            tally.add(replay.decisionId(), replay.request().path("invoice").path("id").asText(null),
                    replay.request().path("asOf").asText(null), i < before.size() ? before.get(i) : Optional.empty(),
                    i < after.size() ? after.get(i) : Optional.empty());
        }
        return tally.report(activeVersion, candidateVersion);
    }

    /** The outcome of a decision: what a ruleset change can alter. */
    public static Outcome outcomeOf(Decision d) {
        return outcome(d);
    }

    /**
     * Counts how outcomes change, one pair at a time: changed, unchanged, failed, by action type and by reason, with the
     * first examples. Not thread-safe: one thread adds, and {@link #report} is read under the caller's lock.
     */
    public static final class Tally {
        private int compared;
        private int changed;
        private int failed;
        private final Map<String, int[]> byType = new TreeMap<>();
        private final Map<String, int[]> byReason = new TreeMap<>();
        private final List<Example> examples = new ArrayList<>();

        public void add(String decisionId, String invoiceId, String asOf, Optional<Outcome> before, Optional<Outcome> after) {
            compared++;
            if (before.isEmpty() || after.isEmpty()) {
                failed++;
                return;
            }
            if (before.get().equals(after.get())) {
                return;
            }
            changed++;
            tally(byType, typesOf(before.get()), typesOf(after.get()));
            tally(byReason, reasonsOf(before.get()), reasonsOf(after.get()));
            if (examples.size() < EXAMPLES) {
                examples.add(new Example(decisionId, invoiceId, asOf, before.get(), after.get()));
            }
        }

        public Report report(String activeVersion, String candidateVersion) {
            return new Report(activeVersion, candidateVersion, compared, changed, compared - changed - failed, failed,
                    counts(byType), counts(byReason), List.copyOf(examples));
        }
    }

    private static Outcome outcome(Decision d) {
        return new Outcome(d.status(), d.actions(), d.suppressed());
    }

    /** Action types with what distinguishes them: {@code SEND_REMINDER OVERDUE_FIRST}, {@code CREATE_TASK NO_CHANNEL}, status moves. */
    private static Set<String> typesOf(Outcome o) {
        Set<String> types = new HashSet<>();
        for (Action a : o.actions()) {
            types.add(a.type() + (a.kind() != null ? " " + a.kind() : a.taskType() != null ? " " + a.taskType() : ""));
        }
        if (o.status() != null) {
            types.add("STATUS -> " + o.status().to());
        }
        return types;
    }

    /** Reasons: of suppressions, waivers and pauses. */
    private static Set<String> reasonsOf(Outcome o) {
        Set<String> reasons = new HashSet<>();
        o.suppressed().forEach(s -> reasons.add("suppressed " + s.reason()));
        o.actions().stream().filter(a -> a.reason() != null).forEach(a -> reasons.add(a.type() + " " + a.reason()));
        return reasons;
    }

    private static void tally(Map<String, int[]> counts, Set<String> before, Set<String> after) {
        for (String key : after) {
            if (!before.contains(key)) {
                counts.computeIfAbsent(key, k -> new int[2])[0]++;
            }
        }
        for (String key : before) {
            if (!after.contains(key)) {
                counts.computeIfAbsent(key, k -> new int[2])[1]++;
            }
        }
    }

    private static Map<String, Count> counts(Map<String, int[]> raw) {
        Map<String, Count> out = new TreeMap<>();
        raw.forEach((k, v) -> out.put(k, new Count(v[0], v[1])));
        return out;
    }

}
