package app.dunwell.bench;

import app.dunwell.decision.Decision;
import app.dunwell.decision.DecisionRequest;
import app.dunwell.ruleset.CompiledRuleset;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Decisions per second on one thread: the shipped ruleset ({@code CompiledRuleset.decide}) and the plain-Java
 * {@link ReferencePolicy}, each deciding the scenario corpus ({@code rules/tests} and the contract's scenarios)
 * round-robin, one request per operation. The ruleset is compiled and the corpus parsed once per trial,
 * outside the measurement. The ruleset warms up longer: on 2 shared cores it kept getting faster for about
 * 100 s (from about 150 to about 2,500 decisions/s) before it levelled off; the plain Java levels off within seconds.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 10)
@Measurement(iterations = 5, time = 10)
@Fork(1)
@Threads(1)
public class DecideBenchmark {
    /** The repository (rules/, dmn/, the scenarios); empty: -Ddunwell.repo or the folder above the working directory. */
    @Param("")
    public String repo;

    private CompiledRuleset ruleset;
    private ReferencePolicy reference;
    private DecisionRequest[] requests;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        Path root = Corpus.repo(repo);
        ruleset = Corpus.ruleset(root);
        reference = Corpus.reference(root);
        requests = Corpus.scenarios(root).stream().map(Corpus.Entry::request).toArray(DecisionRequest[]::new);
        next = 0;
    }

    private DecisionRequest nextRequest() {
        DecisionRequest request = requests[next];
        next = next + 1 == requests.length ? 0 : next + 1;
        return request;
    }

    @Benchmark
    @Warmup(iterations = 10, time = 10)
    public Decision ruleset() {
        return ruleset.decide(nextRequest());
    }

    @Benchmark
    public Decision plainJava() {
        return reference.decide(nextRequest());
    }
}
