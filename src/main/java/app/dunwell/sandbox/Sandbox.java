package app.dunwell.sandbox;

import app.dunwell.decision.JsonMapping;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Compiles and runs a candidate ruleset in a separate process, so that rules sent over HTTP (which are Java) never run in
 * the service. The process gets an empty environment (no credentials, no database address), an empty working directory,
 * bounded memory, a network namespace of its own where Linux allows it, and the {@link SandboxGuard}; the service only
 * reads its verdict on standard output and kills it when it takes more CPU or wall time than allowed.
 */
@ApplicationScoped
public class Sandbox {
    private static final Logger LOG = Logger.getLogger(Sandbox.class);

    private final SandboxConfig config;
    private final ObjectMapper mapper = JsonMapping.newMapper();
    private volatile String classpath;
    private volatile Boolean unshareWorks;

    public Sandbox(SandboxConfig config) {
        this.config = config;
    }

    /** Runs the job in a new sandbox process and returns its verdict, or a verdict saying why it was stopped. */
    public SandboxVerdict run(SandboxJob job) {
        byte[] input;
        try {
            input = mapper.writeValueAsBytes(job);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Outcome outcome = launch(SandboxMain.class.getName(), input);
        if (outcome.stopped() != null) {
            return SandboxVerdict.stopped(outcome.stopped());
        }
        try {
            return mapper.readValue(outcome.stdout(), SandboxVerdict.class);
        } catch (IOException e) {
            return SandboxVerdict.stopped("the sandbox answered no verdict");
        }
    }

    /** What a sandbox process left: its standard output, or why it was stopped; and the tail of its standard error. */
    record Outcome(byte[] stdout, String stopped, String stderrTail, Duration cpu) {
    }

    /** Starts {@code mainClass} in a sandbox process with {@code input} on its standard input and watches it. */
    Outcome launch(String mainClass, byte[] input) {
        Path work;
        try {
            work = Files.createTempDirectory("dunwell-sandbox");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Process process = null;
        try {
            ProcessBuilder builder = new ProcessBuilder(command(mainClass)).directory(work.toFile());
            builder.environment().clear();
            builder.environment().put("PATH", "/usr/bin:/bin");
            builder.redirectError(work.resolve("stderr").toFile());
            Instant started = Instant.now();
            process = builder.start();
            Reader stdout = new Reader(process.getInputStream(), config.maxAnswerBytes());
            stdout.start();
            try (OutputStream stdin = process.getOutputStream()) {
                stdin.write(input);
            } catch (IOException e) {
                // The process ended before reading its job; its exit says why.
            }
            String stopped = watch(process, started, stdout);
            Duration cpu = process.toHandle().info().totalCpuDuration().orElse(Duration.ZERO);
            stdout.join(TimeUnit.SECONDS.toMillis(5));
            String stderr = tail(work.resolve("stderr"));
            if (stopped == null && process.exitValue() != 0) {
                stopped = process.exitValue() == 3 || stderr.contains("OutOfMemoryError")
                        ? "the candidate ruleset ran out of memory (the sandbox has " + config.memory() + ")"
                        : "the sandbox ended with exit code " + process.exitValue() + " before its verdict";
            }
            if (stopped != null) {
                LOG.warnf("Sandbox stopped: %s", stopped);
            }
            return new Outcome(stdout.bytes(), stopped, stderr, cpu);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the sandbox process", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(new byte[0], "interrupted", "", Duration.ZERO);
        } finally {
            if (process != null && process.isAlive()) {
                process.destroyForcibly();
            }
            delete(work);
        }
    }

    private String watch(Process process, Instant started, Reader stdout) throws InterruptedException {
        while (!process.waitFor(100, TimeUnit.MILLISECONDS)) {
            Duration cpu = process.toHandle().info().totalCpuDuration().orElse(Duration.ZERO);
            if (cpu.compareTo(config.cpuTime()) > 0) {
                process.destroyForcibly().waitFor();
                return "the candidate ruleset was stopped after " + config.cpuTime().toSeconds()
                        + " s of CPU time (is there an endless loop in a rule?)";
            }
            if (Duration.between(started, Instant.now()).compareTo(config.wallTime()) > 0) {
                process.destroyForcibly().waitFor();
                return "the candidate ruleset was stopped after " + config.wallTime().toSeconds() + " s";
            }
            if (stdout.overflowed()) {
                process.destroyForcibly().waitFor();
                return "the sandbox's answer was larger than " + config.maxAnswerBytes() + " bytes";
            }
        }
        return stdout.overflowed() ? "the sandbox's answer was larger than " + config.maxAnswerBytes() + " bytes" : null;
    }

    private List<String> command(String mainClass) {
        List<String> command = new ArrayList<>();
        if (isolateNetwork()) {
            command.addAll(List.of("unshare", "--user", "--map-root-user", "--net"));
        }
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of("-Xmx" + config.memory(), "-Xss1m", "-XX:MaxMetaspaceSize=256m", "-XX:MaxDirectMemorySize=16m",
                "-XX:+ExitOnOutOfMemoryError", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:ActiveProcessorCount=1",
                "-Xshare:auto", "-Djava.security.manager=allow", "-Djava.io.tmpdir=.", "-Duser.home=.",
                "-Ddrools.parallelRulesBuildThreshold=-1", "-cp", classpath(), mainClass));
        return command;
    }

    private String classpath() {
        if (classpath == null) {
            classpath = config.classpath().orElseGet(SandboxClasspath::resolve);
        }
        return classpath;
    }

    /** Whether the sandbox gets a network namespace of its own. */
    boolean isolateNetwork() {
        switch (config.isolateNetwork()) {
            case "never":
                return false;
            case "always":
                if (!unshareWorks()) {
                    throw new IllegalStateException("dunwell.sandbox.isolate-network=always, but unshare --user --net is not allowed here");
                }
                return true;
            default:
                return unshareWorks();
        }
    }

    private boolean unshareWorks() {
        if (unshareWorks == null) {
            boolean works;
            try {
                Process probe = new ProcessBuilder("unshare", "--user", "--map-root-user", "--net", "true")
                        .redirectErrorStream(true).start();
                works = probe.waitFor(5, TimeUnit.SECONDS) && probe.exitValue() == 0;
                probe.destroyForcibly();
            } catch (IOException e) {
                works = false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                works = false;
            }
            LOG.infof(works ? "Sandbox processes run in a network namespace of their own"
                    : "unshare is not allowed here: sandbox processes share the network namespace (the guard still refuses sockets)");
            unshareWorks = works;
        }
        return unshareWorks;
    }

    private static String tail(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            int from = Math.max(0, bytes.length - 4000);
            return new String(bytes, from, bytes.length - from, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.debugf("sandbox directory %s not removed: %s", dir, e.getMessage());
        }
    }

    /** Reads a process's standard output, up to a bound. */
    private static final class Reader extends Thread {
        private final InputStream in;
        private final long max;
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private volatile boolean overflowed;

        Reader(InputStream in, long max) {
            super("sandbox-stdout");
            setDaemon(true);
            this.in = in;
            this.max = max;
        }

        @Override
        public void run() {
            byte[] buffer = new byte[65536];
            try {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    if (out.size() + n > max) {
                        overflowed = true;
                        return;
                    }
                    out.write(buffer, 0, n);
                }
            } catch (IOException e) {
                // The process ended.
            }
        }

        boolean overflowed() {
            return overflowed;
        }

        byte[] bytes() {
            synchronized (out) {
                return out.toByteArray();
            }
        }
    }
}
