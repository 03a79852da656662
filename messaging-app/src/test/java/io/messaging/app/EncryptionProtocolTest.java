package io.messaging.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The web client's end-to-end encryption protocol ({@code web/js/crypto}) under Node's test runner: the RFC test
 * vectors of its primitives, X3DH, the Double Ratchet and devices over an in-memory directory
 * ({@code src/test/js/crypto/*.test.mjs}).
 */
class EncryptionProtocolTest {
    private static final Path TESTS = Path.of("src/test/js/crypto");

    @Test
    void theJavaScriptProtocolPassesItsUnitTests() throws Exception {
        List<String> arguments = new ArrayList<>(List.of("--test", "--test-reporter=tap"));
        try (var files = Files.list(TESTS)) {
            files.map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(".test.mjs"))
                    .sorted()
                    .forEach(arguments::add);
        }
        assertTrue(arguments.size() > 2, "no protocol tests in " + TESTS);
        var run = Node.run(TESTS, Map.of(), arguments.toArray(String[]::new));
        assertEquals(0, run.exitCode(), run.output());
        var passed = Pattern.compile("(?m)^# pass (\\d+)$").matcher(run.output());
        assertTrue(passed.find() && Integer.parseInt(passed.group(1)) >= 30, run.output());
        assertTrue(run.output().contains("\n# fail 0"), run.output());
    }
}
