package app.dunwell.sandbox;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Run inside a sandbox process by {@link SandboxTest}: installs the same guard as {@link SandboxMain}, then tries, one by
 * one, what a hostile rule would, and prints for each {@code name=allowed} or {@code name=refused: why}.
 */
public final class SandboxProbe {
    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        long parent = ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(1L);
        String database = System.getenv().getOrDefault("QUARKUS_DATASOURCE_PASSWORD", "") + System.getenv().size();
        out.println("environment=" + database);
        SandboxGuard guard = SandboxMain.install();
        Map<String, Callable<Object>> attempts = new LinkedHashMap<>();
        attempts.put("write-file", () -> Files.writeString(Path.of("/tmp/dunwell-sandbox-probe"), "pwned"));
        attempts.put("delete-file", () -> { Files.deleteIfExists(Path.of("/tmp/dunwell-sandbox-probe-other")); return null; });
        attempts.put("read-parent-environment", () -> Files.readString(Path.of("/proc/" + parent + "/environ")));
        attempts.put("read-etc-passwd", () -> Files.readString(Path.of("/etc/passwd")));
        attempts.put("socket-to-postgres", () -> { try (Socket s = new Socket()) { s.connect(new InetSocketAddress("127.0.0.1", 5432), 2000); } return null; });
        attempts.put("resolve-host", () -> java.net.InetAddress.getByName("repo.maven.apache.org"));
        attempts.put("run-program", () -> new ProcessBuilder("id").start());
        attempts.put("read-environment", () -> System.getenv("PATH"));
        attempts.put("lift-the-guard", () -> { System.setSecurityManager(null); return null; });
        attempts.put("replace-stdout", () -> { System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.out))); return null; });
        attempts.put("open-stdout", () -> new FileOutputStream(FileDescriptor.out));
        attempts.put("unsafe", () -> Class.forName("sun.misc.Unsafe").getDeclaredField("theUnsafe"));
        attempts.put("exit-early", () -> { System.exit(7); return null; });
        attempts.put("load-native-code", () -> { System.loadLibrary("z"); return null; });
        attempts.put("read-own-classes", () -> SandboxMain.class.getResourceAsStream("SandboxMain.class").readAllBytes().length);
        for (Map.Entry<String, Callable<Object>> attempt : attempts.entrySet()) {
            try {
                attempt.getValue().call();
                out.println(attempt.getKey() + "=allowed");
            } catch (Throwable t) {
                out.println(attempt.getKey() + "=refused: " + t);
            }
        }
        guard.allowExit();
        out.flush();
        Runtime.getRuntime().halt(0);
    }
}
