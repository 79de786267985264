package app.dunwell.ruleset;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The files of one ruleset, keyed by their path as people name them ({@code rules/late-fee.drl},
 * {@code dmn/escalation.dmn}, {@code rules/settings.json}): the DRL files, the settings and the phases
 * ({@code phases.txt}) of the rules directory, and the DMN files of the DMN directory. Its version is a hash of names and contents.
 */
public record RuleFiles(Map<String, String> contents) {
    public static final String SETTINGS = "rules/settings.json";
    public static final String PHASES = "rules/phases.txt";

    public RuleFiles {
        contents = Collections.unmodifiableMap(new TreeMap<>(contents));
    }

    /** Reads {@code *.drl} and {@code settings.json} from the rules directory and {@code *.dmn} from the DMN directory. */
    public static RuleFiles fromDirectories(Path rulesDir, Path dmnDir) {
        Map<String, String> files = new TreeMap<>();
        readInto(files, rulesDir, "rules/", name -> name.endsWith(".drl") || name.equals("settings.json") || name.equals("phases.txt"));
        readInto(files, dmnDir, "dmn/", name -> name.endsWith(".dmn"));
        return new RuleFiles(files);
    }

    /** The copy of the shipped policy packaged in the application ({@code policy/rules}, {@code policy/dmn}). */
    public static RuleFiles packaged() {
        URL marker = RuleFiles.class.getClassLoader().getResource("policy/" + SETTINGS);
        if (marker == null) {
            throw new IllegalStateException("no packaged policy on the class path");
        }
        try {
            URI uri = marker.toURI();
            if ("jar".equals(uri.getScheme())) {
                FileSystem fs;
                try {
                    fs = FileSystems.newFileSystem(uri, Map.of());
                } catch (FileSystemAlreadyExistsException e) {
                    fs = FileSystems.getFileSystem(uri);
                }
                return fromDirectories(fs.getPath("/policy/rules"), fs.getPath("/policy/dmn"));
            }
            Path root = Path.of(uri).getParent().getParent();
            return fromDirectories(root.resolve("rules"), root.resolve("dmn"));
        } catch (URISyntaxException | IOException e) {
            throw new IllegalStateException("cannot read the packaged policy", e);
        }
    }

    private static void readInto(Map<String, String> files, Path dir, String prefix,
                                 java.util.function.Predicate<String> wanted) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> list = Files.list(dir)) {
            for (Path file : list.sorted().toList()) {
                String name = file.getFileName().toString();
                if (wanted.test(name) && Files.isRegularFile(file)) {
                    files.put(prefix + name, Files.readString(file, StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir, e);
        }
    }

    /** Whether a path names a file a ruleset is made of. */
    public static boolean isRuleFile(String path) {
        return path.equals(SETTINGS) || path.equals(PHASES) || path.matches("rules/[A-Za-z0-9._-]+\\.drl") || path.matches("dmn/[A-Za-z0-9._-]+\\.dmn");
    }

    /** These files with some replaced or added; an empty text removes a file. */
    public RuleFiles with(Map<String, String> changes) {
        Map<String, String> merged = new TreeMap<>(contents);
        changes.forEach((name, text) -> {
            if (text == null || text.isEmpty()) {
                merged.remove(name);
            } else {
                merged.put(name, text);
            }
        });
        return new RuleFiles(merged);
    }

    public Map<String, String> ofKind(String suffix) {
        Map<String, String> selected = new TreeMap<>();
        contents.forEach((name, text) -> {
            if (name.endsWith(suffix)) {
                selected.put(name, text);
            }
        });
        return selected;
    }

    /** {@code sha256:} of every file's name and content, in name order. */
    public String version() {
        return "sha256:" + HexFormat.of().formatHex(digest(String.join("\u0000", contents.entrySet().stream()
                .flatMap(e -> Stream.of(e.getKey(), e.getValue())).toList())));
    }

    public Map<String, String> fileHashes() {
        Map<String, String> hashes = new TreeMap<>();
        contents.forEach((name, text) -> hashes.put(name, "sha256:" + HexFormat.of().formatHex(digest(text))));
        return hashes;
    }

    private static byte[] digest(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
