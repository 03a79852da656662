package io.messaging.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.socket.client.Ack;
import io.socket.client.IO;
import io.socket.client.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;

/**
 * Clients that resend every message with the same clientMessageId, over REST and over Socket.IO, before and after
 * a restart of the server on the same data: each message is stored once, with gap-free seq.
 */
class ResendAcrossRestartTest {
    private static final int MESSAGES = 40;

    @Test
    void resendsBeforeAndAfterARestartStoreEachMessageOnce() throws Exception {
        var dataDir = Files.createTempDirectory("messaging-resend");
        int port = RunningServer.freePort();
        ApiClient.Account alice;
        ApiClient.Account bob;
        String conversation;
        try (var first = new RunningServer(dataDir, port, Map.of())) {
            var api = new ApiClient(first.base);
            alice = api.account("resend-alice");
            bob = api.account("resend-bob");
            conversation =
                    send(api, alice, bob, "rest-0").body().get("conversationId").asText();
            for (int i = 0; i < MESSAGES; i++) {
                send(api, alice, bob, "rest-" + i);
                sendOverSocket(first.base, alice.token(), conversation, "socket-" + i);
            }
        }
        try (var second = new RunningServer(dataDir, port, Map.of())) {
            var api = new ApiClient(second.base);
            for (int i = 0; i < MESSAGES; i++) {
                var again = send(api, alice, bob, "rest-" + i);
                assertTrue(again.status() == 201 || again.status() == 200, again.toString());
                sendOverSocket(second.base, alice.token(), conversation, "socket-" + i);
            }
            var history = api.history(conversation, bob.token());
            assertEquals(2 * MESSAGES, history.size(), "each clientMessageId stored once");
            var ids = new HashSet<String>();
            for (int i = 0; i < history.size(); i++) {
                assertEquals(i + 1, history.get(i).get("seq").asLong(), "gap-free seq");
                assertTrue(ids.add(history.get(i).get("clientMessageId").asText()));
            }
        }
    }

    private static ApiClient.Reply send(ApiClient api, ApiClient.Account from, ApiClient.Account to, String id)
            throws Exception {
        return api.call(
                "POST",
                "/api/messages",
                from.token(),
                "{\"recipientId\":\"" + to.id() + "\",\"content\":\"" + id + "\",\"clientMessageId\":\"" + id + "\"}");
    }

    /** Sends twice on one socket, as a client flushing its outbox after a reconnect, and waits for both acks. */
    private static void sendOverSocket(String base, String token, String conversation, String id) throws Exception {
        var options = IO.Options.builder()
                .setAuth(Map.of("token", token))
                .setReconnection(false)
                .setTransports(new String[] {"websocket"})
                .build();
        Socket socket = IO.socket(URI.create(base), options);
        try {
            var connected = new CompletableFuture<Void>();
            socket.once(Socket.EVENT_CONNECT, args -> connected.complete(null));
            socket.connect();
            connected.get(10, TimeUnit.SECONDS);
            for (int attempt = 0; attempt < 2; attempt++) {
                var ack = new CompletableFuture<JSONObject>();
                socket.emit(
                        "send_message",
                        new JSONObject()
                                .put("conversationId", conversation)
                                .put("content", id)
                                .put("clientMessageId", id),
                        (Ack) args -> ack.complete((JSONObject) args[0]));
                assertTrue(ack.get(10, TimeUnit.SECONDS).getBoolean("ok"), id);
            }
        } finally {
            socket.close();
        }
    }
}
