package io.messaging.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code main}: configuration errors, health, graceful SIGTERM, and a SIGKILL in the middle of a stream
 * of sends, after which every acknowledged message is there exactly once and seq has no gap.
 */
class ServerProcessTest {
    @TempDir
    Path dataDir;

    private Map<String, String> environment(int port) {
        return new HashMap<>(RunningServer.environment(port, dataDir));
    }

    @Test
    void aWrongVariableStopsStartupWithExitStatusTwoAndItsName() throws Exception {
        var env = environment(RunningServer.freePort());
        env.put("PORT", "not-a-port");
        Path log = dataDir.resolve("bad.log");
        try (var server = ServerProcess.start(env, log)) {
            assertTrue(server.process.waitFor(30, TimeUnit.SECONDS));
            assertEquals(2, server.process.exitValue());
            String output = Files.readString(log).trim();
            assertEquals("invalid configuration: PORT must be a whole number", output);
        }
    }

    @Test
    void aSecondServerOnTheSameDataDirectoryRefusesToStart() throws Exception {
        try (var first = ServerProcess.start(environment(RunningServer.freePort()), dataDir.resolve("first.log"))) {
            first.awaitHealthy();
            Path log = dataDir.resolve("second.log");
            try (var second = ServerProcess.start(environment(RunningServer.freePort()), log)) {
                assertTrue(second.process.waitFor(30, TimeUnit.SECONDS));
                assertEquals(1, second.process.exitValue());
                String output = Files.readString(log);
                assertTrue(output.contains("is in use by another server"), output);
                assertFalse(output.contains("\tat "), "a reason, not a stack trace: " + output);
            }
            assertEquals(200, first.api.call("GET", "/api/health", null, null).status());
        }
    }

    @Test
    void sigtermStopsCleanlyWithoutLosingAnAcknowledgedMessage() throws Exception {
        var env = environment(RunningServer.freePort());
        Path log = dataDir.resolve("term.log");
        var stream = streamThenStop(env, log, 500, false);
        assertTrue(Files.readString(log).contains("stopped"), Files.readString(log));
        assertEverySendStoredOnce(env, dataDir.resolve("term-restart.log"), stream);
    }

    @Test
    void sigkillMidStreamLosesNoAcknowledgedMessage() throws Exception {
        var env = environment(RunningServer.freePort());
        var stream = streamThenStop(env, dataDir.resolve("kill.log"), 1500, true);
        assertTrue(
                stream.acknowledged().size() > 20,
                "the stream was under way: " + stream.acknowledged().size());
        assertEverySendStoredOnce(env, dataDir.resolve("kill-restart.log"), stream);
    }

    /** Alice's sends to Bob in their conversation: the stored id and seq of each one the server acknowledged. */
    private record Stream(ApiClient.Account alice, String conversationId, Map<String, Long> acknowledged) {}

    /**
     * Starts the server, streams sends from Alice to Bob for {@code streamMillis}, then stops the process (SIGKILL if
     * {@code forcibly}, else SIGTERM) in the middle of the stream and waits for it to end.
     */
    private static Stream streamThenStop(Map<String, String> env, Path log, long streamMillis, boolean forcibly)
            throws Exception {
        var acknowledged = new ConcurrentHashMap<String, Long>();
        try (var server = ServerProcess.start(env, log)) {
            server.awaitHealthy();
            assertEquals(
                    "ok",
                    server.api
                            .call("GET", "/api/health", null, null)
                            .body()
                            .get("status")
                            .asText());
            var alice = server.api.account("alice");
            var bob = server.api.account("bob");
            String conversationId = server.api.sendDirect(alice, bob, "first");
            var sending = sendUntilStopped(server, alice.token(), conversationId, acknowledged);
            Thread.sleep(streamMillis);
            if (forcibly) {
                server.process.destroyForcibly();
            } else {
                server.process.destroy();
            }
            assertTrue(server.process.waitFor(15, TimeUnit.SECONDS), "stopped within the grace period");
            sending.shutdownNow();
            sending.awaitTermination(10, TimeUnit.SECONDS);
            return new Stream(alice, conversationId, acknowledged);
        }
    }

    /** Eight senders, each retrying a send whose answer was lost, recording what was acknowledged. */
    private static ExecutorService sendUntilStopped(
            ServerProcess server, String token, String conversationId, Map<String, Long> acknowledged) {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        var counter = new AtomicInteger();
        var stop = new AtomicBoolean();
        for (int t = 0; t < 8; t++) {
            pool.submit(() -> {
                while (!stop.get() && !Thread.currentThread().isInterrupted()) {
                    String clientId = "c-" + counter.incrementAndGet();
                    try {
                        var reply = server.api.call(
                                "POST",
                                "/api/messages",
                                token,
                                "{\"conversationId\":\""
                                        + conversationId + "\",\"content\":\"m " + clientId
                                        + "\",\"clientMessageId\":\""
                                        + clientId + "\"}");
                        if (reply.status() == 201 || reply.status() == 200) {
                            acknowledged.put(
                                    reply.body().get("id").asText(),
                                    reply.body().get("seq").asLong());
                        }
                    } catch (Exception serverGone) {
                        stop.set(true);
                    }
                }
                return null;
            });
        }
        return pool;
    }

    private static void assertEverySendStoredOnce(Map<String, String> env, Path log, Stream stream) throws Exception {
        var acknowledged = stream.acknowledged();
        try (var restarted = ServerProcess.start(env, log)) {
            restarted.awaitHealthy();
            List<JsonNode> stored = restarted.api.history(
                    stream.conversationId(), stream.alice().token());
            var storedIds = new ArrayList<String>();
            stored.forEach(message -> storedIds.add(message.get("id").asText()));
            assertEquals(storedIds.size(), Set.copyOf(storedIds).size(), "no message stored twice");
            assertTrue(storedIds.containsAll(acknowledged.keySet()), "every acknowledged message survived");
            acknowledged.forEach((id, seq) -> assertEquals(
                    seq, stored.get(storedIds.indexOf(id)).get("seq").asLong()));
            assertEquals(
                    LongStream.rangeClosed(1, stored.size()).boxed().toList(),
                    stored.stream().map(message -> message.get("seq").asLong()).toList(),
                    "seq has no gap");
        }
    }
}
