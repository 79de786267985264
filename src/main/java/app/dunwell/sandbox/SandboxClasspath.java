package app.dunwell.sandbox;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The class path the sandbox process runs with: the application's own classes and libraries. In the packaged application
 * ({@code quarkus-app/}) those are its {@code app/} and {@code lib/} jars; in tests and dev mode, the JVM's class path
 * (with the entries of manifest-only jars, as Maven and Quarkus write them, spelled out).
 */
final class SandboxClasspath {
    private SandboxClasspath() {
    }

    static String resolve() {
        Path self = codeSource();
        Path quarkusApp = self.getParent() == null ? null : self.getParent().getParent();
        if (Files.isRegularFile(self) && quarkusApp != null && Files.isDirectory(quarkusApp.resolve("lib"))
                && self.getParent().getFileName().toString().equals("app")) {
            List<String> jars = new ArrayList<>();
            for (String dir : List.of("app", "lib/boot", "lib/main")) {
                jars.addAll(jarsIn(quarkusApp.resolve(dir)));
            }
            return String.join(File.pathSeparator, jars);
        }
        Set<String> entries = new LinkedHashSet<>();
        entries.add(self.toString());
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            expand(Path.of(entry), entries);
        }
        return String.join(File.pathSeparator, entries);
    }

    private static Path codeSource() {
        try {
            return Path.of(SandboxMain.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toAbsolutePath();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> jarsIn(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".jar")).map(f -> f.toAbsolutePath().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Adds an entry; a jar with a manifest Class-Path (a "pathing" jar) adds the entries it names. */
    private static void expand(Path entry, Set<String> entries) {
        if (!Files.exists(entry) || !entries.add(entry.toAbsolutePath().toString()) || !entry.toString().endsWith(".jar")) {
            return;
        }
        try (JarFile jar = new JarFile(entry.toFile())) {
            String classPath = jar.getManifest() == null ? null : jar.getManifest().getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
            if (classPath != null) {
                for (String item : classPath.trim().split("\\s+")) {
                    Path named = item.startsWith("file:") ? Path.of(java.net.URI.create(item)) : entry.getParent().resolve(item);
                    expand(named, entries);
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            // Not a jar we can read: keep the entry as it is.
        }
    }
}
