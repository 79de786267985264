package app.dunwell.sandbox;

import app.dunwell.decision.DecisionRequestReader;
import app.dunwell.decision.InvalidRequestException;
import app.dunwell.decision.JsonMapping;
import app.dunwell.ruleset.CompiledRuleset;
import app.dunwell.ruleset.RuleFiles;
import app.dunwell.ruleset.RulesetCompiler;
import app.dunwell.ruleset.RulesetRejectedException;
import app.dunwell.ruleset.RulesetValidation;
import app.dunwell.ruleset.Scenarios;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.File;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The sandbox process: reads a {@link SandboxJob} on standard input, installs the {@link SandboxGuard}, compiles and runs
 * the candidate ruleset, and writes one {@link SandboxVerdict} as JSON on standard output. Nothing else of the service
 * runs here: no Quarkus, no database, no configuration, no secrets. What rules print goes nowhere.
 */
public final class SandboxMain {
    private SandboxMain() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream verdictOut = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        if (System.getProperty("dunwell.sandbox.debug") == null) { System.setErr(new PrintStream(OutputStream.nullOutputStream())); }
        ObjectMapper mapper = JsonMapping.newMapper();
        SandboxJob job = mapper.readValue(System.in.readAllBytes(), SandboxJob.class);
        prepare();
        SandboxGuard guard = install();
        SandboxVerdict verdict;
        try {
            verdict = work(job, mapper);
        } catch (RuntimeException | StackOverflowError e) {
            verdict = SandboxVerdict.stopped("the candidate ruleset failed: " + e);
        }
        byte[] answer = mapper.writeValueAsBytes(verdict);
        guard.allowExit();
        verdictOut.write(answer);
        verdictOut.flush();
        Runtime.getRuntime().halt(0);
    }

    /**
     * What the libraries set up once per process (logging, the KIE services registry, the compilers, the DMN runtime) is
     * set up before the guard is installed, by compiling and running the shipped policy, with nothing of the candidate's
     * loaded yet.
     */
    static void prepare() {
        java.util.logging.LogManager.getLogManager().reset();
        CompiledRuleset ruleset = RulesetCompiler.compile(RuleFiles.packaged(), Instant.now());
        ruleset.decide(new DecisionRequestReader(JsonMapping.newMapper()).read(JsonMapping.readTree(JsonMapping.newMapper(),
                WARM_UP_REQUEST.getBytes(StandardCharsets.UTF_8))));
    }

    /** Decided once by the shipped policy before the guard, so that every lazy part of the engine is set up. */
    private static final String WARM_UP_REQUEST = """
            {"asOf":"2026-03-09T15:00:00Z","center":{"timezone":"America/New_York"},
             "family":{"contact":{"email":"a@example.org","preferredChannel":"EMAIL"}},
             "invoice":{"id":"I","dueOn":"2026-02-01","balance":"850.00"},
             "history":{"replies":[{"at":"2026-03-08T10:00:00Z","sentiment":"HARDSHIP","confidence":0.9}]}}""";

    /** Installs the guard; what stays readable: the Java runtime, the class path, the (empty) working directory and the few files the JDK reads lazily. */
    static SandboxGuard install() {
        List<Path> readable = new ArrayList<>();
        readable.add(Path.of(System.getProperty("java.home")));
        // The working directory: an empty directory of the parent's, where libraries look for optional configuration.
        readable.add(Path.of(System.getProperty("user.dir")));
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                readable.add(Path.of(entry));
            }
        }
        for (String jdkFile : List.of("/dev/random", "/dev/urandom", "/etc/localtime", "/etc/timezone")) {
            readable.add(Path.of(jdkFile));
        }
        SandboxGuard guard = new SandboxGuard(readable);
        System.setSecurityManager(guard);
        return guard;
    }

    static SandboxVerdict work(SandboxJob job, ObjectMapper mapper) {
        RuleFiles files = new RuleFiles(job.files() == null ? Map.of() : job.files());
        List<Scenarios.Scenario> scenarios = job.scenarios() == null ? List.of()
                : job.scenarios().stream().map(s -> new Scenarios.Scenario(s.name(), s.request(), s.expect())).toList();
        CompiledRuleset ruleset;
        try {
            ruleset = RulesetCompiler.compile(files, Instant.now());
        } catch (RulesetRejectedException e) {
            return new SandboxVerdict(RulesetValidation.rejected(files, e), null, null);
        }
        RulesetValidation.Report report = RulesetValidation.of(ruleset, scenarios);
        List<JsonNode> decisions = null;
        if (job.requests() != null && !job.requests().isEmpty()) {
            decisions = new ArrayList<>();
            DecisionRequestReader reader = new DecisionRequestReader(mapper);
            for (JsonNode request : job.requests()) {
                try {
                    decisions.add(mapper.valueToTree(ruleset.decide(reader.read(request))));
                } catch (InvalidRequestException e) {
                    decisions.add(mapper.createObjectNode().put("error", "request rejected: " + e.errors()));
                } catch (RuntimeException e) {
                    decisions.add(mapper.createObjectNode().put("error", "decision failed: " + e));
                }
            }
        }
        return new SandboxVerdict(report, decisions, null);
    }
}
