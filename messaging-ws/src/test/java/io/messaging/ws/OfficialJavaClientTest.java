package io.messaging.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.socket.client.IO;
import io.socket.client.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The official Java client connects unchanged, over WebSocket only and over polling with the upgrade. */
class OfficialJavaClientTest {
    private final RealTimeFixture fixture;
    private final List<Socket> sockets = new ArrayList<>();

    OfficialJavaClientTest() throws Exception {
        fixture = new RealTimeFixture(RealTimeOptions.defaults());
    }

    @AfterEach
    void stop() {
        sockets.forEach(Socket::close);
        fixture.close();
    }

    private Socket connect(String token, boolean websocketOnly) {
        var options = IO.Options.builder()
                .setAuth(Map.of("token", token))
                .setReconnection(false)
                .setTransports(websocketOnly ? new String[] {"websocket"} : new String[] {"polling", "websocket"})
                .build();
        Socket socket = IO.socket(URI.create(fixture.base), options);
        sockets.add(socket);
        return socket;
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void connectsSendsWithAckAndReceivesEvents(boolean websocketOnly) throws Exception {
        var alice = fixture.account();
        var bob = fixture.account();
        var notified = new CompletableFuture<JSONObject>();
        var connected = new CountDownLatch(2);
        Socket bobSocket = connect(bob.token(), websocketOnly);
        bobSocket.on(Socket.EVENT_CONNECT, args -> connected.countDown());
        bobSocket.on("message_notification", args -> notified.complete((JSONObject) args[0]));
        Socket aliceSocket = connect(alice.token(), websocketOnly);
        aliceSocket.on(Socket.EVENT_CONNECT, args -> connected.countDown());
        bobSocket.connect();
        aliceSocket.connect();
        assertTrue(connected.await(10, TimeUnit.SECONDS));

        var ack = new CompletableFuture<JSONObject>();
        aliceSocket.emit(
                "send_message",
                new Object[] {
                    new JSONObject()
                            .put("recipientId", bob.id())
                            .put("content", "hi from java")
                            .put("clientMessageId", "j-1")
                },
                args -> ack.complete((JSONObject) args[0]));
        JSONObject answer = ack.get(10, TimeUnit.SECONDS);
        assertTrue(answer.getBoolean("ok"), answer.toString());
        assertEquals(1, answer.getJSONObject("message").getInt("seq"));
        JSONObject notification = notified.get(10, TimeUnit.SECONDS);
        assertEquals("hi from java", notification.getJSONObject("message").getString("content"));

        var online = new CompletableFuture<JSONObject>();
        bobSocket.emit(
                "get_online_users", new Object[] {new JSONObject()}, args -> online.complete((JSONObject) args[0]));
        assertEquals(
                alice.id(),
                online.get(10, TimeUnit.SECONDS).getJSONArray("users").getString(0));
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aBadTokenGetsConnectErrorUnauthorized(boolean websocketOnly) throws Exception {
        var error = new CompletableFuture<Object>();
        Socket socket = connect("forged", websocketOnly);
        socket.on(Socket.EVENT_CONNECT_ERROR, args -> error.complete(args[0]));
        socket.connect();
        Object received = error.get(10, TimeUnit.SECONDS);
        String message = received instanceof JSONObject json ? json.getString("message") : received.toString();
        assertEquals("unauthorized", message);
        Thread.sleep(Duration.ofMillis(200).toMillis());
        assertTrue(!socket.connected());
    }
}
