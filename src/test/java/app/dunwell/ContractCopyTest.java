package app.dunwell;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The contract lives outside the project ({@code ../shared}): its worked cases and its two documents. The project keeps
 * copies ({@code src/test/resources/contract}, {@code docs/contract/}) so that a fresh clone tests alone; while the originals are
 * beside the checkout, this test fails when the two differ, naming each file that was added, removed or changed.
 */
class ContractCopyTest {
    private static final Path SHARED = Path.of(System.getProperty("dunwell.contract.shared", "../shared"));

    @Test
    void scenariosAreTheSharedOnes() throws IOException {
        assertSame(SHARED.resolve("scenarios"), Path.of("src/test/resources/contract"), ".json");
    }

    @Test
    void contractDocumentsAreTheSharedOnes() throws IOException {
        assertSame(SHARED.resolve("spec"), Path.of("docs/contract"), ".md", "README.md");
    }

    private static void assertSame(Path original, Path copy, String suffix, String... ownFiles) throws IOException {
        Assumptions.assumeTrue(Files.isDirectory(original), "no " + original.toAbsolutePath() + " beside this checkout: nothing to compare");
        Set<String> names = new TreeSet<>(names(original, suffix));
        names.addAll(names(copy, suffix));
        names.removeAll(Set.of(ownFiles));
        List<String> differences = new ArrayList<>();
        for (String name : names) {
            Path a = original.resolve(name);
            Path b = copy.resolve(name);
            if (!Files.exists(b)) {
                differences.add(name + ": in " + original + " but not in " + copy + " (copy it)");
            } else if (!Files.exists(a)) {
                differences.add(name + ": in " + copy + " but no longer in " + original + " (remove it)");
            } else if (Files.mismatch(a, b) >= 0) {
                differences.add(name + ": differs from " + a + " (copy it again)");
            }
        }
        assertTrue(differences.isEmpty(), () -> "the project's copy of the contract is out of step:\n  " + String.join("\n  ", differences));
    }

    private static List<String> names(Path folder, String suffix) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(suffix)).toList();
        }
    }
}
