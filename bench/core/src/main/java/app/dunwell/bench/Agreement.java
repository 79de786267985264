package app.dunwell.bench;

import app.dunwell.decision.Decision;
import app.dunwell.decision.DecisionRequest;
import app.dunwell.decision.DecisionRequestReader;
import app.dunwell.decision.InvalidRequestException;
import app.dunwell.decision.JsonMapping;
import app.dunwell.decision.PolicyEngine;
import app.dunwell.ruleset.CompiledRuleset;
import app.dunwell.ruleset.Scenarios;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks that the plain-Java {@link ReferencePolicy} and the shipped ruleset decide alike: every request of
 * the scenario corpus, then generated requests ({@code -Dagreement.generated}, default 10,000, seed
 * {@code -Dagreement.seed}). Compares status, actions (as a multiset, money as decimals, instants as
 * instants) and suppressed (as a set); prints the count of disagreements and the first few in full, and
 * exits 1 when there is any. Also reports how each engine fares against the scenarios' own expectations.
 *
 * <pre>java -cp bench/core/target/dunwell-bench-core.jar app.dunwell.bench.Agreement [repo]</pre>
 */
public final class Agreement {
    private static final ObjectMapper MAPPER = JsonMapping.newMapper();

    private record Disagreement(String name, JsonNode request, String ruleset, String reference, List<String> differences) {
    }

    /** How often each kind of outcome came out of the generated requests (that the boundaries are reached). */
    private static final java.util.TreeMap<String, Integer> COVERAGE = new java.util.TreeMap<>();

    private static void tally(Decision d, DecisionRequest request) {
        java.util.function.Consumer<String> count = k -> COVERAGE.merge(k, 1, Integer::sum);
        count.accept(d.status() == null ? "status unchanged" : "status " + d.status().from() + "->" + d.status().to());
        for (var a : d.actions()) {
            count.accept(switch (a.type()) {
                case SEND_REMINDER -> "SEND_REMINDER " + a.kind() + (a.notBefore().equals(request.asOf()) ? " at asOf" : " later");
                case CREATE_TASK -> "CREATE_TASK " + a.taskType();
                case PAUSE_AUTOMATION -> "PAUSE_AUTOMATION " + a.reason();
                default -> a.type().name();
            });
        }
        for (var x : d.suppressed()) {
            count.accept("suppressed " + x.reason() + " " + x.kind());
        }
        if (d.actions().isEmpty() && d.suppressed().isEmpty() && d.status() == null) {
            count.accept("nothing at all");
        }
    }

    public static void main(String[] args) {
        Path repo = Corpus.repo(args.length > 0 ? args[0] : null);
        int generated = Integer.getInteger("agreement.generated", 10_000);
        long seed = Long.getLong("agreement.seed", 20261201L);
        int show = Integer.getInteger("agreement.show", 5);

        long started = System.nanoTime();
        CompiledRuleset ruleset = Corpus.ruleset(repo);
        ReferencePolicy reference = Corpus.reference(repo);
        List<Corpus.Entry> corpus = Corpus.scenarios(repo);
        System.out.printf("agreement: ruleset %s from %s compiled in %.1f s; %d corpus scenarios%n", ruleset.version(),
                repo, (System.nanoTime() - started) / 1e9, corpus.size());

        // the scenarios' own expectations, for each engine (which side is wrong when they disagree)
        for (PolicyEngine engine : List.of(ruleset, reference)) {
            String label = engine == ruleset ? "ruleset" : "reference";
            List<String> failed = new ArrayList<>();
            for (Corpus.Entry entry : corpus) {
                Scenarios.Result result = Scenarios.run(entry.scenario(), engine);
                if (!result.passed()) {
                    failed.add(entry.name() + ": " + result.differences());
                }
            }
            System.out.printf("agreement: %s passes %d of %d scenarios' expectations%n", label, corpus.size() - failed.size(), corpus.size());
            failed.stream().limit(show).forEach(f -> System.out.println("  FAIL " + f));
        }

        List<Disagreement> disagreements = new ArrayList<>();
        int corpusDisagreements = 0;
        for (Corpus.Entry entry : corpus) {
            compare(entry.name(), entry.scenario().request(), entry.request(), ruleset, reference, disagreements);
        }
        corpusDisagreements = disagreements.size();

        Generator generator = new Generator(seed);
        DecisionRequestReader reader = new DecisionRequestReader(MAPPER);
        int refused = 0;
        long decided = System.nanoTime();
        for (int i = 0; i < generated; i++) {
            ObjectNode json = generator.next(i);
            DecisionRequest request;
            try {
                request = reader.read(json);
            } catch (InvalidRequestException e) {
                throw new IllegalStateException("the generator wrote an invalid request (" + e.errors() + "): " + json);
            }
            if (Boolean.getBoolean("agreement.coverage")) {
                Object d = decide(ruleset, request);
                if (d instanceof Decision decision) {
                    tally(decision, request);
                }
            }
            if (!compare("generated #" + i + " (seed " + seed + ")", json, request, ruleset, reference, disagreements)) {
                refused++;
            }
        }
        double seconds = (System.nanoTime() - decided) / 1e9;

        System.out.printf("agreement: corpus %d requests, %d disagreements%n", corpus.size(), corpusDisagreements);
        System.out.printf("agreement: generated %d requests (seed %d, %d refused alike by both for their settings), %d disagreements (%.1f s)%n",
                generated, seed, refused, disagreements.size() - corpusDisagreements, seconds);
        if (!COVERAGE.isEmpty()) {
            System.out.println("agreement: outcomes of the generated requests (ruleset):");
            COVERAGE.forEach((k, v) -> System.out.printf("  %6d  %s%n", v, k));
        }
        for (Disagreement d : disagreements.subList(0, Math.min(show, disagreements.size()))) {
            System.out.println("---- " + d.name());
            d.differences().forEach(x -> System.out.println("  " + x));
            System.out.println("  ruleset:   " + d.ruleset());
            System.out.println("  reference: " + d.reference());
            System.out.println("  request: " + d.request());
        }
        System.out.println("agreement: " + disagreements.size() + " disagreements in " + (corpus.size() + generated) + " requests");
        System.exit(disagreements.isEmpty() ? 0 : 1);
    }

    /** False when both refused the request alike (an impossible settings override); records any disagreement. */
    private static boolean compare(String name, JsonNode json, DecisionRequest request, CompiledRuleset ruleset,
                                   ReferencePolicy reference, List<Disagreement> out) {
        Object a = decide(ruleset, request);
        Object b = decide(reference, request);
        if (a instanceof Decision x && b instanceof Decision y) {
            List<String> differences = Outcomes.differences(x, y);
            if (!differences.isEmpty()) {
                out.add(new Disagreement(name, json, Outcomes.of(x).describe(), Outcomes.of(y).describe(), differences));
            }
            return true;
        }
        if (a instanceof InvalidRequestException x && b instanceof InvalidRequestException y && x.errors().equals(y.errors())) {
            return false;
        }
        out.add(new Disagreement(name, json, String.valueOf(a), String.valueOf(b), List.of("one failed: ruleset " + brief(a) + ", reference " + brief(b))));
        return true;
    }

    private static Object decide(PolicyEngine engine, DecisionRequest request) {
        try {
            return engine.decide(request);
        } catch (RuntimeException e) {
            return e;
        }
    }

    private static String brief(Object o) {
        return o instanceof Decision ? "decided" : String.valueOf(o);
    }
}
