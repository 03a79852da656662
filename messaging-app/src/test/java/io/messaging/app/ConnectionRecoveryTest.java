package io.messaging.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Connection state recovery with the official JavaScript client (the Java client 2.1.1 does not implement it):
 * a short drop over WebSocket and long-polling, cut by the client or by the server's ping timeout, recovers the
 * socket id, the rooms and every missed event in order; past the window, with another user's pid, or after a
 * flood over the session's cap, the client gets a new socket and catches up with after=seq.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConnectionRecoveryTest {
    private RunningServer server;

    @BeforeAll
    void start() throws Exception {
        server = new RunningServer(Map.of(
                "SOCKET_RECOVERY_WINDOW",
                "3s",
                "SOCKET_RECOVERY_SESSION_EVENTS",
                "20",
                "SOCKET_PING_INTERVAL",
                "400ms",
                "SOCKET_PING_TIMEOUT",
                "400ms"));
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"recovery", "recovery-expired", "recovery-foreign", "recovery-overflow"})
    void scenario(String name) throws Exception {
        var run = Node.run(Path.of("src/test/js"), Map.of(), "scenarios.mjs", name, server.base);
        assertEquals(0, run.exitCode(), run.output());
        assertTrue(run.output().contains(" passed, 0 failed"), run.output());
    }
}
