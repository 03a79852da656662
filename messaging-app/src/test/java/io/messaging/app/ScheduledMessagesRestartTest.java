package io.messaging.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code main} killed with SIGKILL before a scheduled message is due and started again after: the overdue
 * message is sent at once, exactly once, with the next seq, and a second kill and restart sends nothing more.
 */
class ScheduledMessagesRestartTest {
    @TempDir
    Path dataDir;

    @Test
    void aMessageDueWhileTheServerWasDeadIsSentOnceAfterTheRestart() throws Exception {
        var env = RunningServer.environment(RunningServer.freePort(), dataDir);
        String conversationId;
        String scheduledId;
        Instant sendAt;
        ApiClient.Account alice;
        try (var server = ServerProcess.start(env, dataDir.resolve("before.log"))) {
            server.awaitHealthy();
            alice = server.api.account("alice");
            var bob = server.api.account("bob");
            conversationId = server.api.sendDirect(alice, bob, "first");
            server.api.call(
                    "POST",
                    "/api/messages",
                    bob.token(),
                    "{\"conversationId\":\"" + conversationId + "\",\"content\":\"second\"}");
            sendAt = Instant.now().plusSeconds(3);
            var scheduled = server.api.call(
                    "POST",
                    "/api/scheduled-messages",
                    alice.token(),
                    "{\"conversationId\":\"" + conversationId + "\",\"content\":\"while you were down\",\"sendAt\":\""
                            + sendAt + "\"}");
            assertEquals(201, scheduled.status(), String.valueOf(scheduled.body()));
            scheduledId = scheduled.body().get("id").asText();
            server.process.destroyForcibly();
            assertTrue(server.process.waitFor(15, TimeUnit.SECONDS));
        }
        assertTrue(Instant.now().isBefore(sendAt), "killed before the message was due");
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), sendAt).toMillis()) + 1000);

        try (var restarted = ServerProcess.start(env, dataDir.resolve("after.log"))) {
            restarted.awaitHealthy();
            List<JsonNode> history = awaitMessages(restarted, conversationId, alice.token(), 3);
            assertOneSentFrom(history, scheduledId);
            var status = restarted
                    .api
                    .call("GET", "/api/scheduled-messages?status=all", alice.token(), null)
                    .body()
                    .get("items")
                    .get(0);
            assertEquals("sent", status.get("status").asText());
            assertEquals(
                    history.get(2).get("id").asText(), status.get("messageId").asText());
            restarted.process.destroyForcibly();
            assertTrue(restarted.process.waitFor(15, TimeUnit.SECONDS));
        }
        try (var again = ServerProcess.start(env, dataDir.resolve("again.log"))) {
            again.awaitHealthy();
            Thread.sleep(1000);
            assertOneSentFrom(again.api.history(conversationId, alice.token()), scheduledId);
        }
    }

    /** The history once it holds {@code count} messages, or as it is after 10 s. */
    private static List<JsonNode> awaitMessages(ServerProcess server, String conversationId, String token, int count)
            throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        List<JsonNode> history = server.api.history(conversationId, token);
        while (history.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(100);
            history = server.api.history(conversationId, token);
        }
        return history;
    }

    private static void assertOneSentFrom(List<JsonNode> history, String scheduledId) {
        assertEquals(
                LongStream.rangeClosed(1, 3).boxed().toList(),
                history.stream().map(message -> message.get("seq").asLong()).toList(),
                "seq 1, 2, 3 with no gap");
        var fromSchedule = history.stream()
                .filter(message ->
                        scheduledId.equals(message.get("scheduledMessageId").asText(null)))
                .toList();
        assertEquals(1, fromSchedule.size(), "sent exactly once");
        assertEquals("while you were down", fromSchedule.get(0).get("content").asText());
        assertEquals(scheduledId, history.get(2).get("scheduledMessageId").asText(), "with the next seq");
    }
}
