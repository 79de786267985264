package app.dunwell.sandbox;

import app.dunwell.ruleset.RuleFiles;
import app.dunwell.ruleset.Scenarios;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sandbox process itself, without the service around it: a valid candidate is judged there; what a hostile rule would
 * try is refused by the guard; an endless loop and a memory bomb are stopped with a clear reason.
 */
class SandboxTest {
    private static Map<String, String> shipped;

    @BeforeAll
    static void policy() {
        shipped = RuleFiles.fromDirectories(Path.of("rules"), Path.of("dmn")).contents();
    }

    private static Sandbox sandbox(Duration cpu, Duration wall) {
        return new Sandbox(new SandboxConfig() {
            public String memory() { return "256m"; }
            public Duration cpuTime() { return cpu; }
            public Duration wallTime() { return wall; }
            public long maxAnswerBytes() { return 16 * 1024 * 1024; }
            public String isolateNetwork() { return "auto"; }
            public Optional<String> classpath() { return Optional.empty(); }
        });
    }

    @Test
    void theShippedPolicyIsJudgedInTheSandboxAsInTheService() throws Exception {
        List<SandboxJob.Scenario> scenarios = Scenarios.filesIn(Path.of("rules/tests")).stream().limit(10)
                .map(Scenarios::read).map(s -> new SandboxJob.Scenario(s.name(), s.request(), s.expect())).toList();
        SandboxVerdict verdict = sandbox(Duration.ofSeconds(90), Duration.ofSeconds(180))
                .run(new SandboxJob(shipped, scenarios, List.of(scenarios.get(0).request())));
        assertFalse(verdict.wasStopped(), verdict::stopped);
        assertTrue(verdict.report().valid(), () -> verdict.report().toString());
        assertEquals(10, verdict.report().scenariosPassed());
        assertEquals(RuleFiles.fromDirectories(Path.of("rules"), Path.of("dmn")).version(), verdict.report().version());
        assertEquals(1, verdict.decisions().size());
        assertNotNull(verdict.decisions().get(0).get("actions"), verdict.decisions().toString());
    }

    @Test
    void whatAHostileRuleWouldTryIsRefusedByTheGuard() {
        Sandbox.Outcome outcome = sandbox(Duration.ofSeconds(60), Duration.ofSeconds(90)).launch(SandboxProbe.class.getName(), new byte[0]);
        Map<String, String> results = new String(outcome.stdout(), StandardCharsets.UTF_8).lines()
                .filter(l -> l.contains("=")).collect(Collectors.toMap(l -> l.substring(0, l.indexOf('=')), l -> l.substring(l.indexOf('=') + 1)));
        assertEquals("1", results.get("environment"), "the process has no environment but PATH: " + results);
        for (String refused : List.of("write-file", "delete-file", "read-parent-environment", "read-etc-passwd", "socket-to-postgres",
                "resolve-host", "run-program", "read-environment", "lift-the-guard", "replace-stdout", "open-stdout", "unsafe",
                "exit-early", "load-native-code")) {
            assertTrue(results.getOrDefault(refused, "missing").startsWith("refused: java.lang.SecurityException: sandbox:"),
                    refused + " -> " + results.get(refused) + "\n" + outcome.stderrTail());
        }
        assertEquals("allowed", results.get("read-own-classes"));
        assertFalse(Files.exists(Path.of("/tmp/dunwell-sandbox-probe")), "no file was written");
    }

    private static Map<String, String> withRule(String drl) {
        Map<String, String> files = new HashMap<>(shipped);
        files.put("rules/hostile.drl", drl);
        return files;
    }

    private static final String ANY_REQUEST = """
            {"asOf":"2026-03-09T15:00:00Z","invoice":{"id":"I","dueOn":"2026-03-02","balance":"100.00"}}""";

    @Test
    void anEndlessLoopIsKilledWhenItsCpuTimeIsUp() throws Exception {
        SandboxVerdict verdict = sandbox(Duration.ofSeconds(25), Duration.ofSeconds(120)).run(new SandboxJob(withRule("""
                package rules;
                import app.dunwell.policy.*;
                rule "spin"
                    ruleflow-group "scope"
                when
                    InvoiceCase()
                then
                    long n = 0;
                    while (n >= 0) { n = (n + 1) % 1000; }
                end
                """), List.of(), List.of(new com.fasterxml.jackson.databind.ObjectMapper().readTree(ANY_REQUEST))));
        assertTrue(verdict.wasStopped());
        assertTrue(verdict.stopped().contains("s of CPU time"), verdict.stopped());
    }

    @Test
    void aMemoryBombEndsTheSandboxNotTheService() throws Exception {
        SandboxVerdict verdict = sandbox(Duration.ofSeconds(60), Duration.ofSeconds(120)).run(new SandboxJob(withRule("""
                package rules;
                import app.dunwell.policy.*;
                import java.util.List;
                import java.util.ArrayList;
                rule "hoard"
                    ruleflow-group "scope"
                when
                    InvoiceCase()
                then
                    List hoard = new ArrayList();
                    while (true) { hoard.add(new long[1000000]); }
                end
                """), List.of(), List.of(new com.fasterxml.jackson.databind.ObjectMapper().readTree(ANY_REQUEST))));
        assertTrue(verdict.wasStopped());
        assertTrue(verdict.stopped().contains("ran out of memory"), verdict.stopped());
    }
}
