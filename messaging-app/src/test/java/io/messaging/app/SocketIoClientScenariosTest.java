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
 * The official JavaScript socket.io-client against the whole server: transports, acks, the fan-out rules with two
 * users and two tabs each, typing expiry, presence edges, reconnect followed by catch-up through after=seq, and
 * scheduled messages arriving on time, voice messages with their voice note in acks, events and history, and end-to-end
 * encryption: the device key directory, encrypted conversations, and each device getting its own envelope alone.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SocketIoClientScenariosTest {
    private RunningServer server;

    @BeforeAll
    void start() throws Exception {
        server = new RunningServer(Map.of());
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "connect",
                "fanout",
                "presence",
                "catchup",
                "scheduled",
                "voice",
                "encrypted",
                "encrypted-direct",
                "devices"
            })
    void scenario(String name) throws Exception {
        var run = Node.run(Path.of("src/test/js"), Map.of(), "scenarios.mjs", name, server.base);
        assertEquals(0, run.exitCode(), run.output());
        assertTrue(run.output().contains(" passed, 0 failed"), run.output());
    }
}
