package io.messaging.app.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Production classes stay under about 300 lines; one that is longer says why on a line of its own at its top,
 * {@code // Over 300 lines because ...}, so that its length is a decision and not an accident.
 */
class LongClassesSayWhyTest {
    private static final int MAX_LINES = 300;
    private static final String REASON = "// Over 300 lines because ";

    /** The source files among {@code files} that are too long and do not say why. */
    static List<String> unexplained(Stream<Path> files) {
        return files.filter(file -> {
                    List<String> lines = read(file);
                    return lines.size() > MAX_LINES && lines.stream().noneMatch(line -> line.startsWith(REASON));
                })
                .map(file -> file + " (" + read(file).size() + " lines)")
                .sorted()
                .toList();
    }

    private static List<String> read(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every Java file under a {@code src/main/java} of the repository (the app module's parent folder). */
    private static Stream<Path> productionSources() throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        assertTrue(Files.isRegularFile(root.resolve("pom.xml")), "expected the repository at " + root);
        return Files.walk(root)
                .filter(path -> path.toString().endsWith(".java"))
                .filter(path -> path.toString().contains("/src/main/java/"))
                .filter(path -> !path.toString().contains("/target/")
                        && !path.toString().contains("/node_modules/"));
    }

    @Test
    void everyLongProductionClassSaysWhy() throws IOException {
        List<Path> sources;
        try (var files = productionSources()) {
            sources = files.toList();
        }
        assertTrue(sources.size() > 100, "found only " + sources.size() + " production sources");
        assertEquals(List.of(), unexplained(sources.stream()));
    }

    @Test
    void aLongClassWithoutAReasonIsCaught(@TempDir Path dir) throws IOException {
        Path quiet = dir.resolve("Quiet.java");
        Path explained = dir.resolve("Explained.java");
        Files.writeString(quiet, "class Quiet {}\n".repeat(MAX_LINES + 1));
        Files.writeString(explained, REASON + "it must.\n" + "class Explained {}\n".repeat(MAX_LINES));
        assertEquals(List.of(quiet + " (" + (MAX_LINES + 1) + " lines)"), unexplained(Stream.of(quiet, explained)));
    }
}
