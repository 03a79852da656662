package io.messaging.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The official Socket.IO protocol test suite ({@code socketio/socket.io-protocol}, vendored in
 * {@code src/test/protocol-suite}, see its UPSTREAM.md) against the whole server: every Engine.IO test, and the
 * Socket.IO tests that apply to a server whose connections need a token.
 */
class OfficialProtocolSuiteTest {
    private static final Path SUITE = Path.of("src/test/protocol-suite");
    /** The Socket.IO tests that need a CONNECT without credentials and the suite's echo handlers. */
    private static final String NOT_APPLICABLE = "should allow connection to|should disconnect from the main namespace"
            + "|should connect then disconnect from a custom namespace|should send a plain-text packet"
            + "|should send a packet with binary attachments";

    private static final int APPLICABLE_TESTS = 22;

    @Test
    void passesEveryApplicableTest() throws Exception {
        try (var server = new RunningServer(Map.of(
                "SOCKET_PING_INTERVAL",
                "300",
                "SOCKET_PING_TIMEOUT",
                "200",
                "SOCKET_CONNECT_TIMEOUT",
                "2500",
                "SOCKET_MAX_PAYLOAD",
                "1000000"))) {
            Path generated = Files.createDirectories(SUITE.resolve("generated"));
            String suite = Files.readString(SUITE.resolve("test-suite.js"), StandardCharsets.UTF_8);
            assertTrue(suite.contains("const URL = \"http://localhost:3000\";"), "the vendored suite changed");
            Files.writeString(
                    generated.resolve("test-suite.js"),
                    suite.replace("http://localhost:3000", "http://localhost:" + server.server.port()),
                    StandardCharsets.UTF_8);
            Files.copy(
                    SUITE.resolve("node-imports.js"),
                    generated.resolve("node-imports.js"),
                    StandardCopyOption.REPLACE_EXISTING);

            var run = Node.run(
                    SUITE,
                    Map.of(),
                    "node_modules/mocha/bin/mocha",
                    "--timeout",
                    "5000",
                    "--grep",
                    NOT_APPLICABLE,
                    "--invert",
                    "generated/test-suite.js");

            assertEquals(0, run.exitCode(), run.output());
            var passing = Pattern.compile("(\\d+) passing").matcher(run.output());
            assertTrue(passing.find(), run.output());
            assertEquals(APPLICABLE_TESTS, Integer.parseInt(passing.group(1)), run.output());
            assertTrue(!run.output().contains("failing"), run.output());
        }
    }
}
