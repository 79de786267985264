package app.dunwell.bench;

import app.dunwell.decision.DecisionRequest;
import app.dunwell.decision.DecisionRequestReader;
import app.dunwell.decision.JsonMapping;
import app.dunwell.ruleset.CompiledRuleset;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.LongAdder;

/**
 * What deciding costs at the least: the shipped ruleset deciding {@code bench/decision-request.json} (the request
 * {@code bench/decisions.sh} posts) on as many threads as cores, nothing else running, as machine CPU per decision.
 * Prints {@code decide: R decisions/s, C µs of machine CPU per decision}.
 * <p>Arguments: repository, warm-up seconds, measured seconds.
 */
public final class DecideFloor {
    private DecideFloor() {
    }

    public static void main(String[] args) throws Exception {
        Path repo = Corpus.repo(args.length > 0 ? args[0] : "");
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 90;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        CompiledRuleset ruleset = Corpus.ruleset(repo);
        DecisionRequestReader reader = new DecisionRequestReader(JsonMapping.newMapper());
        DecisionRequest request = reader.read(reader.tree(Files.readAllBytes(repo.resolve("bench/decision-request.json"))));
        LongAdder decided = new LongAdder();
        int threads = Runtime.getRuntime().availableProcessors();
        for (int i = 0; i < threads; i++) {
            Thread t = new Thread(() -> {
                while (true) {
                    ruleset.decide(request);
                    decided.increment();
                }
            }, "decide-" + i);
            t.setDaemon(true);
            t.start();
        }
        Thread.sleep(warmup * 1000L);
        long n0 = decided.sum();
        long cpu0 = MachineCpu.busyMicros();
        long t0 = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        long n = decided.sum() - n0;
        long cpu = MachineCpu.busyMicros() - cpu0;
        double elapsed = (System.nanoTime() - t0) / 1e9;
        System.out.printf("decide: %.0f decisions/s on %d threads, %.1f µs of machine CPU per decision%n", n / elapsed, threads,
                (double) cpu / n);
    }
}
