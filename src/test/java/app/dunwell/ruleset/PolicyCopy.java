package app.dunwell.ruleset;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** A scratch copy of the shipped policy that a test may break. */
public final class PolicyCopy {
    public final Path rules;
    public final Path dmn;

    private PolicyCopy(Path root) {
        this.rules = root.resolve("rules");
        this.dmn = root.resolve("dmn");
    }

    public static PolicyCopy create() {
        try {
            Path root = Files.createTempDirectory("dunwell-policy");
            PolicyCopy copy = new PolicyCopy(root);
            copyFiles(Path.of("rules"), copy.rules);
            copyFiles(Path.of("dmn"), copy.dmn);
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public RuleFiles files() {
        return RuleFiles.fromDirectories(rules, dmn);
    }

    public PolicyCopy replace(String relative, String search, String replacement) {
        Path file = rules.getParent().resolve(relative);
        try {
            String text = Files.readString(file);
            if (!text.contains(search)) {
                throw new IllegalArgumentException(relative + " has no " + search);
            }
            Files.writeString(file, text.replace(search, replacement));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public PolicyCopy write(String relative, String text) {
        try {
            Files.writeString(rules.getParent().resolve(relative), text);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copyFiles(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, to.resolve(file.getFileName()));
            }
        }
    }
}
