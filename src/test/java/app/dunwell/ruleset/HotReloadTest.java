package app.dunwell.ruleset;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static app.dunwell.TestKeys.withBootstrapKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The service watches its rule directories, laid out the way a Kubernetes ConfigMap mounts them
 * ({@code rules -> ..data/rules}, {@code ..data -> ..<timestamp>}), and swaps a changed ruleset in
 * without failing a request; a broken change is refused and the old ruleset keeps answering.
 */
@QuarkusTest
@TestProfile(HotReloadTest.MountedPolicy.class)
class HotReloadTest {
    static final Path ROOT = createMount();

    /** 7 days overdue: a late fee with the default 5 grace days, none with 10. */
    static final String SEVEN_DAYS_OVERDUE = """
            {"asOf":"2026-03-09T15:00:00Z","center":{"timezone":"America/New_York"},
             "family":{"contact":{"email":"a@example.org","preferredChannel":"EMAIL"}},
             "invoice":{"id":"INV-7","dueOn":"2026-03-02","balance":"850.00"}}""";

    public static class MountedPolicy implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("dunwell.policy.rules-dir", ROOT.resolve("rules").toString(),
                    "dunwell.policy.dmn-dir", ROOT.resolve("dmn").toString(),
                    "dunwell.policy.shadow-rules-dir", ROOT.resolve("shadow/rules").toString(),
                    "dunwell.policy.shadow-dmn-dir", ROOT.resolve("shadow/dmn").toString(),
                    "dunwell.policy.reload-interval", "1s");
        }
    }

    @Test
    void aNewRulesetIsSwappedInUnderLoadWithoutAFailedRequest() throws Exception {
        String before = activeVersion();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        Set<String> versionsSeen = ConcurrentHashMap.newKeySet();
        AtomicInteger failures = new AtomicInteger();
        AtomicInteger answered = new AtomicInteger();
        List<Future<?>> clients = List.of(1, 2, 3, 4).stream().map(i -> pool.submit(() -> {
            for (int n = 0; n < 150; n++) {
                Response r = decide(SEVEN_DAYS_OVERDUE);
                if (r.statusCode() != 200) {
                    failures.incrementAndGet();
                } else {
                    versionsSeen.add(r.path("rulesetVersion"));
                    answered.incrementAndGet();
                }
            }
        })).<Future<?>>map(f -> f).toList();
        Thread.sleep(300);
        swapMount(dir -> replace(dir.resolve("rules/settings.json"), "\"graceDays\": 5", "\"graceDays\": 10"));
        for (Future<?> client : clients) {
            client.get(2, TimeUnit.MINUTES);
        }
        pool.shutdown();

        String after = waitFor(() -> {
            String v = activeVersion();
            return v.equals(before) ? null : v;
        });
        assertEquals(0, failures.get(), "failed requests during the reload");
        assertEquals(600, answered.get());
        assertTrue(Set.of(before, after).containsAll(versionsSeen), "only the old or the new version answered: " + versionsSeen);
        Response now = decide(SEVEN_DAYS_OVERDUE);
        assertEquals(after, now.path("rulesetVersion"));
        assertFalse(now.asString().contains("ASSESS_LATE_FEE"), "10 grace days: no fee on day 7");
    }

    @Test
    void aBrokenDrlIsRefusedWithItsLineAndTheOldRulesetKeepsAnswering() throws Exception {
        String serving = activeVersion();
        Path file = ROOT.resolve("rules/late-fee.drl");
        String original = Files.readString(file);
        writeWhole(file, original.replace("balance >= $min )", "balance >= $min"));
        try {
            Map<String, Object> rejected = waitForRejectionOf("rules/late-fee.drl");
            assertTrue(((Number) ((List<Map<String, Object>>) rejected.get("errors")).get(0).get("line")).intValue() > 0);
            assertEquals(serving, activeVersion());
            Response r = decide(SEVEN_DAYS_OVERDUE);
            assertEquals(200, r.statusCode());
            assertEquals(serving, r.path("rulesetVersion"));
        } finally {
            writeWhole(file, original);
        }
    }

    @Test
    void aBrokenDmnIsRefusedAndTheOldRulesetKeepsAnswering() throws Exception {
        String serving = activeVersion();
        Path file = ROOT.resolve("dmn/escalation.dmn");
        String original = Files.readString(file);
        writeWhole(file, original.replace("daysOverdue &gt;= settings.overdue.first", "daysOverdue &gt;= = (settings"));
        try {
            waitForRejectionOf("dmn/escalation.dmn");
            assertEquals(serving, activeVersion());
            Response r = decide(SEVEN_DAYS_OVERDUE);
            assertEquals(200, r.statusCode());
            assertEquals("FIRST", r.path("status.to"));
        } finally {
            writeWhole(file, original);
        }
        waitFor(() -> activeVersion().equals(serving) ? serving : null);
    }

    @Test
    void aChangeWhoseScenariosFailIsRefusedUntilTheyPass() throws Exception {
        String serving = activeVersion();
        String scenario = Files.readString(Path.of("src/test/resources/contract/pre-due-reminder-14-days-ahead.json"));
        swapMount(dir -> {
            Files.createDirectories(dir.resolve("rules/tests"));
            Files.writeString(dir.resolve("rules/tests/pre-due-14.json"), scenario);
            replace(dir.resolve("rules/settings.json"), "\"days\": [14, 7, 1]", "\"days\": [7, 1]");
        });
        Map<String, Object> refused = waitFor(() -> {
            Map<String, Object> rejected = withBootstrapKey().get("/api/v1/ruleset").then().statusCode(200).extract().path("lastRejected");
            return rejected != null && !((List<?>) rejected.get("failedScenarios")).isEmpty() ? rejected : null;
        });
        Map<String, Object> failed = ((List<Map<String, Object>>) refused.get("failedScenarios")).get(0);
        assertEquals("pre-due-14.json", failed.get("name"));
        assertTrue(failed.get("differences").toString().contains("actions: missing [{\"type\":\"SEND_REMINDER\",\"kind\":\"PRE_DUE\""),
                failed.toString());
        assertEquals(serving, activeVersion(), "the previous ruleset keeps serving");
        assertEquals(200, decide(SEVEN_DAYS_OVERDUE).statusCode());

        // The analyst agrees with the change and says so in the scenario: the same rules now pass and serve.
        swapMount(dir -> Files.writeString(dir.resolve("rules/tests/pre-due-14.json"), scenario
                .replaceAll("(?s)\"actions\": \\[.*?\\],\\s*\"suppressed\"", "\"actions\": [], \"suppressed\"")));
        String after = waitFor(() -> {
            String v = activeVersion();
            return v.equals(serving) ? null : v;
        });
        assertNotEquals(serving, after);

        // Later the analyst tries something else, then takes it back: the files that were refused once and passed since
        // serve again (the refusal was of these files with the old scenario).
        swapMount(dir -> Files.writeString(dir.resolve("rules/later.drl"), "package rules;\n"));
        String later = waitFor(() -> {
            String v = activeVersion();
            return v.equals(after) ? null : v;
        });
        // It serves for a while (a few of the watcher's 1 s looks, each finding nothing new) before it is taken back.
        Thread.sleep(2500);
        assertEquals(later, decide(SEVEN_DAYS_OVERDUE).path("rulesetVersion"));
        swapMount(dir -> Files.delete(dir.resolve("rules/later.drl")));
        waitFor(() -> activeVersion().equals(after) ? after : null);
    }

    @Test
    void theActiveRulesetListsItsFilesWithHashes() {
        withBootstrapKey().when().get("/api/v1/ruleset").then().statusCode(200)
                .body("version", org.hamcrest.Matchers.startsWith("sha256:"))
                .body("loadedAt", org.hamcrest.Matchers.notNullValue())
                .body("files.name", org.hamcrest.Matchers.hasItems("rules/settings.json", "rules/late-fee.drl", "dmn/escalation.dmn"))
                .body("files.find { it.name == 'rules/settings.json' }.sha256", org.hamcrest.Matchers.matchesPattern("sha256:[0-9a-f]{64}"));
    }

    private static Map<String, Object> waitForRejectionOf(String file) throws InterruptedException {
        return waitFor(() -> {
            Map<String, Object> rejected = withBootstrapKey().get("/api/v1/ruleset").then().statusCode(200).extract().path("lastRejected");
            if (rejected == null) {
                return null;
            }
            List<Map<String, Object>> errors = (List<Map<String, Object>>) rejected.get("errors");
            return errors.stream().anyMatch(e -> file.equals(e.get("file"))) ? rejected : null;
        });
    }

    static Response decide(String body) {
        return withBootstrapKey().contentType(ContentType.JSON).body(body).post("/api/v1/decisions");
    }

    static String activeVersion() {
        return withBootstrapKey().get("/api/v1/ruleset").then().statusCode(200).extract().path("version");
    }

    static <T> T waitFor(Supplier<T> probe) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            T value = probe.get();
            if (value != null) {
                return value;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("not reached within 30 s");
    }

    // ---- a ConfigMap-style mount ------------------------------------------------

    interface DirChange {
        void apply(Path dir) throws IOException;
    }

    /**
     * The profile and the test class may be loaded by different class loaders, each with its own
     * statics: both must find the same mount, so its place is fixed per JVM and it is made once.
     */
    private static synchronized Path createMount() {
        try {
            Path root = Path.of("target", "hot-reload-mount-" + ProcessHandle.current().pid()).toAbsolutePath();
            if (Files.exists(root.resolve("..data"))) {
                return root;
            }
            Files.createDirectories(root);
            PolicyCopy copy = PolicyCopy.create();
            Path first = root.resolve("..v1");
            Files.createDirectories(first);
            copyTree(copy.rules.getParent(), first);
            Files.createSymbolicLink(root.resolve("..data"), Path.of("..v1"));
            Files.createSymbolicLink(root.resolve("rules"), Path.of("..data/rules"));
            Files.createSymbolicLink(root.resolve("dmn"), Path.of("..data/dmn"));
            // A shadow candidate beside it (ShadowRulesetTest): the same policy with no late fees at all.
            copyTree(copy.rules.getParent(), root.resolve("shadow"));
            replace(root.resolve("shadow/rules/settings.json"), "\"lateFee\": { \"enabled\": true", "\"lateFee\": { \"enabled\": false");
            return root;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What the kubelet does: a new timestamped directory, then an atomic rename of the {@code ..data} link. */
    static void swapMount(DirChange change) throws IOException {
        Path next = ROOT.resolve("..v" + System.nanoTime());
        copyTree(ROOT.resolve("..data").toRealPath(), next);
        change.apply(next);
        Path link = ROOT.resolve("..data_tmp");
        Files.createSymbolicLink(link, ROOT.relativize(next));
        Files.move(link, ROOT.resolve("..data"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * Replaces a file of the mount in one step, so that the watcher, which reads every second, never sees it half written
     * (an empty late-fee.drl compiles, and this mount has no scenarios to refuse it).
     */
    private static void writeWhole(Path file, String text) throws IOException {
        Path next = file.resolveSibling("." + file.getFileName() + ".next");
        Files.writeString(next, text);
        Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    static void replace(Path file, String search, String replacement) throws IOException {
        String text = Files.readString(file);
        assertNotEquals(text, text.replace(search, replacement), "nothing to replace in " + file);
        Files.writeString(file, text.replace(search, replacement));
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (var paths = Files.walk(from)) {
            for (Path p : paths.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
