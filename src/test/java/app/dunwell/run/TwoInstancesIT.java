package app.dunwell.run;

import app.dunwell.TestPorts;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.standardwebhooks.Webhook;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Two processes of the packaged service ({@code target/quarkus-app/quarkus-run.jar}) on one PostgreSQL, started with
 * the same run key at the same moment: they must split one run, decide each open invoice once and queue a reminder of one
 * kind once per invoice. The PostgreSQL is the tests' own: the one {@code DUNWELL_DB_URL} (or
 * {@code QUARKUS_DATASOURCE_JDBC_URL}) names, as {@code .ci/run} sets it, or else the embedded one of the test profile
 * (port 25430, data in {@code target/test-db}), which this test starts itself (the unit tests' JVM has stopped it by now).
 *
 * <p>Nothing the service stores says which instance decided an invoice, so each instance logs its run batches
 * ({@code app.dunwell.run.EvaluationRuns} at DEBUG, configuration only: "N invoices decided and written by this
 * instance" once a batch commits) and its share is the sum of those in its log ({@code target/two-instances/*.log}).
 * So that the split does not depend on luck, the test itself holds a row lock on one invoice: the
 * worker that claims it waits, and the rest of the run can only be done by the other instance.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoInstancesIT {
    /** The test profile's embedded database (application.properties: %test.dunwell.database.*). */
    private static final int EMBEDDED_PORT = TestPorts.EMBEDDED_POSTGRES;
    private static final String CONFIGURED_URL = firstOf(System.getProperty("it.db.url"), System.getenv("DUNWELL_DB_URL"),
            System.getenv("QUARKUS_DATASOURCE_JDBC_URL"));
    private static final String DB_URL = CONFIGURED_URL != null ? CONFIGURED_URL : "jdbc:postgresql://127.0.0.1:" + EMBEDDED_PORT + "/postgres";
    private static final String DB_USER = firstOf(System.getProperty("it.db.user"), System.getenv("DUNWELL_DB_USER"),
            System.getenv("QUARKUS_DATASOURCE_USERNAME"), "postgres");
    private static final String DB_PASSWORD = firstOf(System.getProperty("it.db.password"), System.getenv("DUNWELL_DB_PASSWORD"),
            System.getenv("QUARKUS_DATASOURCE_PASSWORD"), "postgres");
    private static EmbeddedPostgres embedded;
    private static final String KEY = "it-" + UUID.randomUUID();
    private static final String AS_OF = "2026-03-09T15:00:00Z";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(60);
    /** What a worker logs (at DEBUG) for each batch it committed: how many of its invoices it decided. */
    private static final Pattern DONE_BATCH = Pattern.compile("(\\d+) invoices decided and written by this instance");
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private static Instance a;
    private static Instance b;
    /** Started for the graceful stop (b is killed by then). */
    private static Instance c;
    /** Started with the default batches of 100, to be killed in the middle of one. */
    private static Instance d;
    private static Path jar;
    private static Path dir;

    /** One process of the packaged service, its port and its log. */
    record Instance(String name, Process process, int port, Path log) {
        URI uri(String path) {
            return URI.create("http://127.0.0.1:" + port + path);
        }

        /** Invoices this instance has decided so far, counted in its SQL log. */
        int decided() {
            try {
                Matcher m = DONE_BATCH.matcher(Files.readString(log, StandardCharsets.UTF_8));
                int n = 0;
                while (m.find()) {
                    n += Integer.parseInt(m.group(1));
                }
                return n;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @BeforeAll
    static void startTwoInstances() throws Exception {
        jar = Path.of(System.getProperty("app.jar", "target/quarkus-app/quarkus-run.jar"));
        assertTrue(Files.isRegularFile(jar), jar + " is missing: run the package phase first");
        Path target = jar.toAbsolutePath().getParent().getParent();
        dir = target.resolve("two-instances");
        Runtime.getRuntime().addShutdownHook(new Thread(TwoInstancesIT::destroyAll));
        if (CONFIGURED_URL == null) {
            Path data = Files.createDirectories(target.resolve("test-db"));
            ProcessBuilder.Redirect serverLog = ProcessBuilder.Redirect.appendTo(data.resolve("postgres.log").toFile());
            embedded = EmbeddedPostgres.builder().setPort(EMBEDDED_PORT).setDataDirectory(data.resolve("postgres"))
                    .setCleanDataDirectory(false).setOutputRedirector(serverLog).setErrorRedirector(serverLog).start();
        }
        a = start("a", jar, dir);
        b = start("b", jar, dir);
        awaitReady(a);
        awaitReady(b);
    }

    @AfterAll
    static void stopInstances() {
        destroyAll();
    }

    private static synchronized void destroyAll() {
        for (Instance i : new Instance[] {a, b, c, d}) {
            if (i != null && i.process().isAlive()) {
                i.process().destroyForcibly();
                try {
                    i.process().waitFor(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException e) {
                System.out.println("TwoInstancesIT: the embedded PostgreSQL did not stop: " + e);
            }
            embedded = null;
        }
    }

    private static String firstOf(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }

    private static Instance start(String name, Path jar, Path dir) throws IOException {
        return start(name, jar, dir, 1);
    }

    private static Instance start(String name, Path jar, Path dir, int batchSize) throws IOException {
        Path work = Files.createDirectories(dir.resolve(name));
        Path log = dir.resolve(name + ".log");
        int port = TestPorts.free();
        // The working directory has no rules/ or dmn/: each instance serves the policy packaged in the jar.
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dquarkus.http.port=" + port,
                "-Ddunwell.auth.bootstrap-key=" + KEY,
                "-Ddunwell.runs.scheduled=false",
                "-Ddunwell.dispatch.scheduled=false",
                // One worker per instance, so that "the worker of b" and "the worker of a" below are each one thread.
                "-Ddunwell.runs.workers=1",
                // One invoice a claim, so that "the worker waits on the held invoice" holds up that invoice alone: with
                // the default batches of 100, the invoices claimed with it wait for its lock too (and are decided once,
                // all together, when it is released).
                "-Ddunwell.runs.batch-size=" + batchSize,
                // The events below come fast from one address; the limits are tested elsewhere (RateLimitTest).
                "-Ddunwell.rate-limit.enabled=false",
                "-Dquarkus.log.category.\"org.hibernate.SQL\".level=DEBUG",
                "-Dquarkus.log.category.\"app.dunwell.run.EvaluationRuns\".level=DEBUG",
                // The instance's database sessions carry its name, so the test can tell whether any is left.
                "-Dquarkus.datasource.jdbc.additional-jdbc-properties.ApplicationName=" + applicationName(name),
                "-jar", jar.toAbsolutePath().toString())
                .directory(work.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("DUNWELL_EMBEDDED_DB", "false");
        builder.environment().put("DUNWELL_DB_URL", DB_URL);
        builder.environment().put("DUNWELL_DB_USER", DB_USER);
        builder.environment().put("DUNWELL_DB_PASSWORD", DB_PASSWORD);
        builder.environment().put("DUNWELL_SECRETS_KEY", "3q2+7w8fKBxVYyb8p2cq0mXeH9wqJkzv1GQz0r8Gl0Y=");
        return new Instance(name, builder.start(), port, log);
    }

    private static String applicationName(String instance) {
        return "dunwell-it-" + instance;
    }

    private static void awaitReady(Instance i) throws Exception {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!i.process().isAlive()) {
                fail("instance " + i.name() + " exited with " + i.process().exitValue() + "; see " + i.log());
            }
            try {
                HttpResponse<String> ready = HTTP.send(HttpRequest.newBuilder(i.uri("/q/health/ready"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        fail("instance " + i.name() + " not ready after " + START_TIMEOUT + "; see " + i.log());
    }

    // ---- The two scenarios ---------------------------------------------------------

    @Test
    @Order(0)
    void thePackagedServiceRequiresAKeyForDecisions() throws Exception {
        // Production profile: an anonymous decision is refused (DUNWELL_AUTH_OPEN_DECISIONS is not set here).
        HttpResponse<String> anonymous = HTTP.send(HttpRequest.newBuilder(a.uri("/api/v1/decisions")).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"asOf\":\"2026-03-09T15:00:00Z\",\"invoice\":{\"id\":\"I\",\"balance\":\"1.00\"}}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, anonymous.statusCode(), anonymous.body());
    }

    @Test
    @Order(1)
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void twoInstancesStartedTogetherSplitOneRunAndDecideEachInvoiceOnce() throws Exception {
        Center center = centerWithInvoices(120);
        List<String> open = center.openInvoices();
        int total = open.size();
        String middle = open.get(total / 2);
        int decidedByA = a.decided();
        int decidedByB = b.decided();

        Map<String, Object> status;
        try (RowLock held = RowLock.onInvoice(center.id, middle)) {
            // Both instances are asked for the same run at the same moment.
            CyclicBarrier together = new CyclicBarrier(2);
            ExecutorService threads = Executors.newFixedThreadPool(2);
            try {
                Future<Map<String, Object>> fromA = threads.submit(() -> { together.await(); return startRun(a, center, "same-moment"); });
                Future<Map<String, Object>> fromB = threads.submit(() -> { together.await(); return startRun(b, center, "same-moment"); });
                String runA = (String) fromA.get(30, TimeUnit.SECONDS).get("id");
                String runB = (String) fromB.get(30, TimeUnit.SECONDS).get("id");
                assertEquals(runA, runB, "the same run key is one run on both instances");
                center.run = runA;
            } finally {
                threads.shutdownNow();
            }

            // The worker that claimed the held invoice waits; every other invoice gets decided meanwhile.
            awaitTrue(() -> held.blockedSessions() == 1, "a worker waits on the held invoice");
            status = awaitStatus(a, center.run, s -> {
                assertTrue(held.blockedSessions() <= 1, "two workers are deciding the same invoice");
                return intOf(s, "done") == total - 1;
            });
            assertNull(status.get("finishedAt"), "a run with an invoice still pending is not finished");
            assertEquals("PENDING", center.itemState(middle));
        }

        Map<String, Object> onA = awaitStatus(a, center.run, s -> s.get("finishedAt") != null);
        Map<String, Object> onB = awaitStatus(b, center.run, s -> s.get("finishedAt") != null);
        for (Map<String, Object> s : List.of(onA, onB)) {
            assertEquals(total, intOf(s, "total"), "the run's items are the open invoices");
            assertEquals(total, intOf(s, "done"));
            assertEquals(0, intOf(s, "failed"));
        }
        assertEquals(onA, onB, "both instances report the same run");
        center.assertEachInvoiceDecidedOnceAndRemindedOncePerKind(open, onA);

        int shareOfA = settled(() -> a.decided()) - decidedByA;
        int shareOfB = settled(() -> b.decided()) - decidedByB;
        System.out.printf("TwoInstancesIT: run %s over %d invoices: instance a decided %d, instance b decided %d%n",
                center.run, total, shareOfA, shareOfB);
        assertEquals(total, shareOfA + shareOfB, "each invoice decided by exactly one instance");
        assertTrue(shareOfA >= 1 && shareOfB >= 1, "both instances did part of the run: a " + shareOfA + ", b " + shareOfB);
    }

    /**
     * Instance b claims the first invoice and is killed while it holds it (its transaction is open, its
     * decision not committed); instance a decides the rest, then the invoice b left behind, and finishes the run.
     */
    @Test
    @Order(2) // kills instance b
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void theSurvivorFinishesARunWhenTheOtherInstanceIsKilledMidDecision() throws Exception {
        Center center = centerWithInvoices(80);
        List<String> open = center.openInvoices();
        int total = open.size();
        String first = open.get(0);
        String last = open.get(total - 1);
        int decidedByA = a.decided();

        try (RowLock firstHeld = RowLock.onInvoice(center.id, first); RowLock lastHeld = RowLock.onInvoice(center.id, last)) {
            center.run = (String) startRun(b, center, "killed").get("id");
            awaitTrue(() -> firstHeld.blockedSessions() == 1, "b's worker claims the first invoice and waits on it");
            long bSession = firstHeld.blockedSession();

            assertEquals(center.run, startRun(a, center, "killed").get("id"), "a joins b's run");
            awaitTrue(() -> lastHeld.blockedSessions() == 1, "a's worker decides everything but b's invoice and reaches the last");
            Map<String, Object> halfWay = awaitStatus(a, center.run, s -> intOf(s, "done") == total - 2);
            assertNull(halfWay.get("finishedAt"));

            b.kill();
            assertFalse(b.process().isAlive(), "b is killed");
            firstHeld.release();
            // b's database session finds its client gone and rolls back: the claim on the first invoice ends with it.
            awaitTrue(() -> !sessionExists(bSession), "b's database session ends");
            assertEquals("PENDING", center.itemState(first), "b's decision of the first invoice was not kept");
            assertNull(status(a, center.run).get("finishedAt"));
        }

        awaitFinishedWithEachDecidedOnce(a, center, open, "a decided the invoice b had claimed");
        assertEquals(total, settled(() -> a.decided()) - decidedByA, "a decided every invoice of the run");
    }

    /**
     * A rollout: instance c gets SIGTERM ({@code Process.destroy()}) while it holds an invoice (the test's row lock keeps
     * c's worker on it). c claims nothing more, waits for the invoice it holds, decides it once the lock is gone and exits
     * within the Deployment's 60 s grace period (0 or 143), with no ERROR logged after the shutdown began; instance a joins
     * the run meanwhile, decides everything else and finishes it: every invoice decided once, nothing left locked.
     */
    @Test
    @Order(3) // after b was killed
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void anInstanceStoppedBySigtermFinishesWhatItHoldsClaimsNothingMoreAndExitsInTheGracePeriod() throws Exception {
        c = start("c", jar, dir);
        awaitReady(c);
        Center center = centerWithInvoices(150);
        List<String> open = center.openInvoices();
        int total = open.size();
        String held = open.get(40);
        int decidedByA = a.decided();

        Instant sigterm;
        try (RowLock lock = RowLock.onInvoice(center.id, held)) {
            center.run = (String) startRun(c, center, "rollout").get("id");
            awaitTrue(() -> lock.blockedSessions() == 1, "c's worker decides the first 40 invoices and waits on the 41st");
            assertEquals(40, settled(() -> c.decided()), "c decided the invoices before the held one");

            sigterm = Instant.now();
            c.process().destroy();
            awaitTrue(() -> logOf(c).contains(STOPPING), "c announces that it is stopping");
            Thread.sleep(2_000);
            assertTrue(c.process().isAlive(), "c waits for the invoice it holds instead of exiting");
            assertEquals(40, c.decided(), "c claims nothing while it is stopping");

            assertEquals(center.run, startRun(a, center, "rollout").get("id"), "a joins the run");
            awaitStatus(a, center.run, s -> intOf(s, "done") == total - 1);
            assertTrue(c.process().isAlive(), "c still holds its invoice");
        }

        // The lock is gone: c decides the invoice it held, then exits.
        assertTrue(c.process().waitFor(60 - Duration.between(sigterm, Instant.now()).toSeconds(), TimeUnit.SECONDS),
                "c exits within the 60 s grace period");
        long stoppedIn = Duration.between(sigterm, Instant.now()).toMillis();
        int exit = c.process().exitValue();
        System.out.printf("TwoInstancesIT: c stopped %d ms after SIGTERM with exit code %d%n", stoppedIn, exit);
        assertTrue(exit == 0 || exit == 143, "exit code " + exit + "; see " + c.log());

        awaitFinishedWithEachDecidedOnce(a, center, open, "every invoice of the run decided");
        assertEquals("DONE", center.itemState(held), "c finished the invoice it held");
        assertEquals(41, settled(() -> c.decided()), "c decided the invoices before the held one, and the held one");
        assertEquals(total - 41, settled(() -> a.decided()) - decidedByA, "a decided the rest");
        assertEquals(List.of(), strings("select cast(pid as text) from pg_stat_activity where application_name = ?",
                applicationName("c")), "no database session of c is left (so none holds a lock)");

        String log = logOf(c);
        List<String> afterStop = log.substring(log.indexOf(STOPPING)).lines()
                .filter(line -> line.contains("\"level\":\"ERROR\"") || line.contains(" ERROR ") || line.contains("could not be decided"))
                .toList();
        assertEquals(List.of(), afterStop, "errors after the shutdown began; see " + c.log());
    }

    /**
     * A crash in the middle of a batch: instance d (batches of 100, as configured by default) claims all 60 invoices of a
     * run in one batch and is killed while the batch waits for an invoice the test holds, with the others of the batch
     * locked and none written. Its transaction rolls back whole: a decides every invoice, each once, and nothing of d's
     * batch is left (no decision, no effect, no reminder twice).
     */
    @Test
    @Order(4) // after c stopped
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void aBatchKilledHalfWayLeavesNothingAndEveryInvoiceIsDecidedOnceByTheOther() throws Exception {
        d = start("d", jar, dir, 100);
        awaitReady(d);
        Center center = centerWithInvoices(60);
        List<String> open = center.openInvoices();
        int total = open.size();
        String held = open.get(total / 2);
        int decidedByA = a.decided();

        try (RowLock lock = RowLock.onInvoice(center.id, held)) {
            center.run = (String) startRun(d, center, "batch-killed").get("id");
            awaitTrue(() -> lock.blockedSessions() == 1, "d's batch waits on the held invoice");
            long dSession = lock.blockedSession();
            assertEquals(0, intOf(status(d, center.run), "done"), "nothing of d's batch is written while it waits");
            d.kill();
            assertFalse(d.process().isAlive(), "d is killed");
            lock.release();
            awaitTrue(() -> !sessionExists(dSession), "d's database session ends");
        }
        assertEquals(0, d.decided(), "d committed nothing");

        assertEquals(center.run, startRun(a, center, "batch-killed").get("id"), "a joins d's run");
        awaitFinishedWithEachDecidedOnce(a, center, open, "a decided every invoice of d's batch");
        assertEquals(total, settled(() -> a.decided()) - decidedByA, "a decided every invoice of the run");
    }

    private static final String STOPPING = "Stopping: no new work is claimed";

    private static String logOf(Instance i) {
        try {
            return Files.readString(i.log(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- A center fed through signed webhooks -------------------------------------------

    /** A center of this test, with invoices fed to both instances; {@link #run} once started. */
    static final class Center {
        final String id;
        final String secret;
        String run;

        Center(String id, String secret) {
            this.id = id;
            this.secret = secret;
        }

        /** The invoices a run takes, in the order workers claim them. */
        List<String> openInvoices() throws SQLException {
            return strings("select external_id from invoice where center_id = ? and balance > 0 "
                    + "and status not in ('PAID', 'CANCELLED') order by external_id", id);
        }

        String itemState(String invoiceId) throws SQLException {
            return strings("select state from run_item where run_id = cast(? as uuid) and invoice_id = ?", run, invoiceId).get(0);
        }

        void assertEachInvoiceDecidedOnceAndRemindedOncePerKind(List<String> open, Map<String, Object> status) throws SQLException {
            assertEquals(open, strings("select invoice_id from run_item where run_id = cast(? as uuid) and state = 'DONE' "
                    + "and decision_id is not null order by invoice_id", run), "every open invoice is a decided item of the run");
            // The center has this one run: each of its decisions belongs to it, one per invoice.
            assertEquals(open, strings("select invoice_id from decision_record where center_id = ? order by invoice_id", id),
                    "exactly one stored decision per invoice");
            assertEquals(List.of(), strings("select r.invoice_id from run_item r left join decision_record d on d.id = r.decision_id "
                    + "where r.run_id = cast(? as uuid) and (d.id is null or d.invoice_id <> r.invoice_id)", run),
                    "each item points at its own invoice's decision");
            assertEquals(List.of(), strings("select invoice_id || ' ' || kind from outbox where center_id = ? "
                    + "group by invoice_id, kind having count(*) > 1", id), "a reminder of one kind is queued once per invoice");
            @SuppressWarnings("unchecked")
            Map<String, Integer> byType = (Map<String, Integer>) status.get("actionsByType");
            int reminders = byType.getOrDefault("SEND_REMINDER", 0);
            assertTrue(reminders > 0, "the run decided reminders: " + byType);
            assertEquals(reminders, strings("select id::text from outbox where center_id = ?", id).size(),
                    "each decided reminder queued once");
        }
    }

    /**
     * A center with {@code invoices} invoices over a dozen families; on 2026-03-09 a third of them are 7 days
     * overdue, a third due in 14 days, a third 16 days overdue, and every tenth is paid (not part of a run).
     * Events are sent to both instances, four at a time.
     */
    private static Center centerWithInvoices(int invoices) throws Exception {
        String id = "ctr-two-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> created = send(a, "POST", "/api/v1/centers",
                Map.of("id", id, "timezone", "America/New_York", "mode", "AUTO"));
        assertEquals(201, created.statusCode(), created.body());
        Center center = new Center(id, (String) MAPPER.readValue(created.body(), Map.class).get("webhookSecret"));

        List<Map<String, Object>> families = new ArrayList<>();
        List<Map<String, Object>> invoiceEvents = new ArrayList<>();
        List<Map<String, Object>> payments = new ArrayList<>();
        for (int f = 0; f < 12; f++) {
            families.add(Map.of("familyId", "fam-" + f, "firstName", "Parent" + f, "email", "parent" + f + "@example.org",
                    "preferredChannel", "EMAIL"));
        }
        for (int i = 0; i < invoices; i++) {
            String invoiceId = String.format("INV-%04d", i);
            String dueOn = switch (i % 3) {
                case 0 -> "2026-03-02";
                case 1 -> "2026-03-23";
                default -> "2026-02-21";
            };
            invoiceEvents.add(Map.of("invoiceId", invoiceId, "familyId", "fam-" + (i % 12), "issuedOn", "2026-02-01",
                    "dueOn", dueOn, "total", "500.00"));
            if (i % 10 == 9) {
                payments.add(Map.of("paymentId", "pay-" + i, "invoiceId", invoiceId, "amount", "500.00", "paidOn", "2026-02-27"));
            }
        }
        feed(center, "family.updated", families);
        feed(center, "invoice.created", invoiceEvents);
        feed(center, "payment.succeeded", payments);
        assertEquals(invoices - payments.size(), center.openInvoices().size());
        return center;
    }

    private static void feed(Center center, String type, List<Map<String, Object>> events) throws Exception {
        ExecutorService senders = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> sent = new ArrayList<>();
            for (int i = 0; i < events.size(); i++) {
                Instance to = i % 2 == 0 || !b.process().isAlive() ? a : b;
                Map<String, Object> data = new LinkedHashMap<>(events.get(i));
                data.put("centerId", center.id);
                sent.add(senders.submit(() -> event(to, center.secret, type, data)));
            }
            for (Future<Integer> f : sent) {
                assertEquals(200, f.get(30, TimeUnit.SECONDS), type);
            }
        } finally {
            senders.shutdownNow();
        }
    }

    private static int event(Instance to, String secret, String type, Map<String, Object> data) throws Exception {
        String payload = MAPPER.writeValueAsString(Map.of("type", type, "data", data));
        String webhookId = "msg_" + UUID.randomUUID();
        long now = Instant.now().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(to.uri("/api/v1/webhooks/platform")).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json").header("webhook-id", webhookId)
                .header("webhook-timestamp", String.valueOf(now))
                .header("webhook-signature", new Webhook(secret).sign(webhookId, now, payload))
                .POST(HttpRequest.BodyPublishers.ofString(payload)).build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            System.out.println("TwoInstancesIT: " + type + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.statusCode();
    }

    // ---- Runs over HTTP ---------------------------------------------------------------------

    private static Map<String, Object> startRun(Instance on, Center center, String runKey) throws Exception {
        HttpResponse<String> response = send(on, "POST", "/api/v1/runs",
                Map.of("centerId", center.id, "asOf", AS_OF, "runKey", runKey));
        assertEquals(202, response.statusCode(), response.body());
        return json(response);
    }

    private static Map<String, Object> status(Instance on, String run) throws Exception {
        HttpResponse<String> response = send(on, "GET", "/api/v1/runs/" + run, null);
        assertEquals(200, response.statusCode(), response.body());
        return json(response);
    }

    /**
     * Waits on {@code on} for the run to finish, and checks that every open invoice was decided ({@code why} when not), none
     * failed, and each was decided and reminded once.
     */
    private static void awaitFinishedWithEachDecidedOnce(Instance on, Center center, List<String> open, String why) throws Exception {
        Map<String, Object> finished = awaitStatus(on, center.run, s -> s.get("finishedAt") != null);
        assertEquals(open.size(), intOf(finished, "total"));
        assertEquals(open.size(), intOf(finished, "done"), why);
        assertEquals(0, intOf(finished, "failed"));
        center.assertEachInvoiceDecidedOnceAndRemindedOncePerKind(open, finished);
    }

    private static Map<String, Object> awaitStatus(Instance on, String run, java.util.function.Predicate<Map<String, Object>> until)
            throws Exception {
        Instant deadline = Instant.now().plus(RUN_TIMEOUT);
        Map<String, Object> last = null;
        while (Instant.now().isBefore(deadline)) {
            last = status(on, run);
            if (until.test(last)) {
                return last;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("run " + run + " on instance " + on.name() + " stayed at " + last);
    }

    private static HttpResponse<String> send(Instance to, String method, String path, Object body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(to.uri(path)).timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + KEY);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(MAPPER.writeValueAsString(body)));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(HttpResponse<String> response) throws IOException {
        return MAPPER.readValue(response.body(), Map.class);
    }

    private static int intOf(Map<String, Object> status, String field) {
        return ((Number) status.get(field)).intValue();
    }

    // ---- The database, directly -----------------------------------------------------------

    /** A transaction of the test's own that holds one invoice row locked, as a worker busy with it would. */
    static final class RowLock implements AutoCloseable {
        private final Connection connection;
        private final int pid;

        private RowLock(Connection connection, int pid) {
            this.connection = connection;
            this.pid = pid;
        }

        static RowLock onInvoice(String centerId, String invoiceId) throws SQLException {
            Connection c = DriverManager.getConnection(DB_URL, DB_USER, DB_PASSWORD);
            try {
                c.setAutoCommit(false);
                try (PreparedStatement lock = c.prepareStatement(
                        "select pg_backend_pid() from invoice where center_id = ? and external_id = ? for update")) {
                    lock.setString(1, centerId);
                    lock.setString(2, invoiceId);
                    try (ResultSet rs = lock.executeQuery()) {
                        assertTrue(rs.next(), "invoice " + invoiceId + " to hold");
                        return new RowLock(c, rs.getInt(1));
                    }
                }
            } catch (SQLException | RuntimeException | Error e) {
                c.close();
                throw e;
            }
        }

        /** Database sessions waiting for this lock. */
        int blockedSessions() {
            return longs("select pid from pg_stat_activity where ? = any(pg_blocking_pids(pid))", pid).size();
        }

        long blockedSession() {
            List<Long> pids = longs("select pid from pg_stat_activity where ? = any(pg_blocking_pids(pid))", pid);
            assertEquals(1, pids.size());
            return pids.get(0);
        }

        void release() throws SQLException {
            if (!connection.isClosed()) {
                connection.rollback();
                connection.close();
            }
        }

        @Override
        public void close() throws SQLException {
            release();
        }
    }

    private static boolean sessionExists(long pid) {
        return !longs("select pid from pg_stat_activity where pid = ?", (int) pid).isEmpty();
    }

    private static List<Long> longs(String sql, int pid) {
        try (Connection c = DriverManager.getConnection(DB_URL, DB_USER, DB_PASSWORD);
             PreparedStatement query = c.prepareStatement(sql)) {
            query.setInt(1, pid);
            List<Long> found = new ArrayList<>();
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    found.add(rs.getLong(1));
                }
            }
            return found;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> strings(String sql, String... parameters) throws SQLException {
        try (Connection c = DriverManager.getConnection(DB_URL, DB_USER, DB_PASSWORD);
             PreparedStatement query = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                query.setString(i + 1, parameters[i]);
            }
            List<String> found = new ArrayList<>();
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    found.add(rs.getString(1));
                }
            }
            return found;
        }
    }

    // ---- Waiting ----------------------------------------------------------------------------

    private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        Instant deadline = Instant.now().plus(RUN_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(100);
        }
        fail("timed out waiting until " + what);
    }

    /** A count read from a log once it stops changing (the last lines may still be on their way to the file). */
    private static int settled(Callable<Integer> count) throws Exception {
        int last = count.call();
        for (int i = 0; i < 20; i++) {
            Thread.sleep(100);
            int now = count.call();
            if (now == last && i >= 2) {
                return now;
            }
            last = now;
        }
        return last;
    }
}
