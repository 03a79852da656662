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
 * encryption: the device key directory and its events, encrypted conversations (encryption_required, the one-way
 * switch, 404 for outsiders), and each device getting its own envelope alone in acks, events, history, catch-up and
 * recovery.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SocketIoClientScenariosTest {
    private RunningServer server;

    @BeforeAll
    void start() throws Exception {
        // every scenario signs up its own users, more than the default limit of sign-ups per address allows
        server = new RunningServer(Map.of(
                "RATE_LIMIT_REGISTER_PER_ADDRESS", "500",
                "RATE_LIMIT_LOGIN_PER_ADDRESS", "500"));
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
                "devices",
                "encrypted-recovery"
            })
    void scenario(String name) throws Exception {
        var run = Node.run(Path.of("src/test/js"), Map.of(), "scenarios.mjs", name, server.base);
        assertEquals(0, run.exitCode(), run.output());
        assertTrue(run.output().contains(" passed, 0 failed"), run.output());
    }
}
