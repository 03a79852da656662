package io.messaging.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.messaging.wire.WireJson;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Engine.IO 4 and Socket.IO 5 as the specifications describe them, checked with raw HTTP and WebSocket clients. */
class EngineIoConformanceTest {
    private final RealTimeFixture fixture;

    EngineIoConformanceTest() throws Exception {
        fixture = new RealTimeFixture(RealTimeOptions.defaults()
                .withHeartbeat(Duration.ofMillis(400), Duration.ofMillis(300))
                .withConnectTimeout(Duration.ofMillis(1500))
                .withMaxPayload(4096));
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    private static JsonNode json(String text) throws Exception {
        return WireJson.MAPPER.readTree(text);
    }

    @Test
    void pollingHandshakeAnnouncesSessionUpgradesAndLimits() throws Exception {
        var open = fixture.get("EIO=4&transport=polling");
        assertEquals(200, open.status());
        assertTrue(open.body().startsWith("0"));
        JsonNode handshake = json(open.body().substring(1));
        assertTrue(handshake.get("sid").asText().length() >= 16);
        assertEquals("websocket", handshake.get("upgrades").get(0).asText());
        assertEquals(400, handshake.get("pingInterval").asInt());
        assertEquals(300, handshake.get("pingTimeout").asInt());
        assertEquals(4096, handshake.get("maxPayload").asInt());
    }

    @Test
    void refusesBadVersionsTransportsAndSessionsAtOnce() throws Exception {
        for (String query : List.of("EIO=3&transport=polling", "transport=polling")) {
            var reply = fixture.get(query);
            assertEquals(400, reply.status());
            assertEquals(5, json(reply.body()).get("code").asInt());
        }
        assertEquals(
                0,
                json(fixture.get("EIO=4&transport=carrier-pigeon").body())
                        .get("code")
                        .asInt());
        var unknown = fixture.get("EIO=4&transport=polling&sid=nope");
        assertEquals(400, unknown.status());
        assertEquals(1, json(unknown.body()).get("code").asInt());
        assertEquals("Session ID unknown", json(unknown.body()).get("message").asText());
        assertEquals(400, fixture.post("EIO=4&transport=polling&sid=nope", "40").status());
    }

    @Test
    void pollingCarriesBatchedPacketsBothWays() throws Exception {
        var user = fixture.account();
        String sid = fixture.pollingHandshake();
        String query = "EIO=4&transport=polling&sid=" + sid;
        assertEquals(
                "ok",
                fixture.post(query, "40{\"token\":\"" + user.token() + "\"}").body());
        assertTrue(fixture.get(query).body().startsWith("40{\"sid\""));

        fixture.post(query, "421[\"get_online_users\",{}]\u001e422[\"get_online_users\",{}]");
        var packets = fixture.packets(fixture.get(query).body());
        assertEquals(List.of("431[{\"ok\":true,\"users\":[]}]", "432[{\"ok\":true,\"users\":[]}]"), packets);
    }

    @Test
    void aPayloadOverTheLimitClosesTheSession() throws Exception {
        String sid = fixture.pollingHandshake();
        String query = "EIO=4&transport=polling&sid=" + sid;
        assertEquals(413, fixture.post(query, "4" + "x".repeat(5000)).status());
        assertEquals(1, json(fixture.get(query).body()).get("code").asInt());

        var socket = fixture.webSocket("EIO=4&transport=websocket");
        socket.next();
        socket.send("4" + "y".repeat(5000));
        assertTrue(socket.closed.get(5, TimeUnit.SECONDS) > 0);
    }

    @Test
    void aSilentClientIsClosedByTheHeartbeat() throws Exception {
        var socket = fixture.webSocket("EIO=4&transport=websocket");
        assertTrue(socket.next().startsWith("0{"));
        assertEquals("2", socket.next());
        assertTrue(socket.closed.get(5, TimeUnit.SECONDS) > 0, "no pong: closed after pingTimeout");

        String sid = fixture.pollingHandshake();
        Thread.sleep(1500);
        assertEquals(
                1,
                json(fixture.get("EIO=4&transport=polling&sid=" + sid).body())
                        .get("code")
                        .asInt());
        assertEquals(0, fixture.realTime.connectionCount());
    }

    @Test
    void aClientThatAnswersPingsStaysConnected() throws Exception {
        var user = fixture.account();
        var socket = fixture.webSocket("EIO=4&transport=websocket");
        socket.next();
        socket.send("40{\"token\":\"" + user.token() + "\"}");
        assertTrue(socket.nextNonPing().startsWith("40{\"sid\""));
        for (int i = 0; i < 4; i++) {
            assertEquals("2", socket.next());
            socket.send("3");
        }
        socket.send("421[\"get_online_users\",{}]");
        assertEquals("431[{\"ok\":true,\"users\":[]}]", socket.nextNonPing());
        assertEquals(false, socket.closed.isDone());
    }

    @Test
    void upgradesFromPollingToWebSocket() throws Exception {
        var user = fixture.account();
        String sid = fixture.pollingHandshake();
        String query = "EIO=4&transport=polling&sid=" + sid;
        fixture.post(query, "40{\"token\":\"" + user.token() + "\"}");
        fixture.get(query);
        var heldPoll = fixture.http.sendAsync(
                HttpRequest.newBuilder(URI.create(fixture.base + "/socket.io/?" + query))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        Thread.sleep(100);

        var socket = fixture.webSocket("EIO=4&transport=websocket&sid=" + sid);
        socket.send("2probe");
        assertEquals("3probe", socket.next());
        assertEquals("6", heldPoll.get(5, TimeUnit.SECONDS).body());
        socket.send("5");
        socket.send("421[\"get_online_users\",{}]");
        assertEquals("431[{\"ok\":true,\"users\":[]}]", socket.nextNonPing());
        assertEquals(400, fixture.get(query).status(), "polling is over once upgraded");
    }

    @Test
    void malformedPacketsCloseOnlyTheirOwnConnection() throws Exception {
        var user = fixture.account();
        var healthy = fixture.webSocket("EIO=4&transport=websocket");
        healthy.next();
        healthy.send("40{\"token\":\"" + user.token() + "\"}");
        healthy.nextNonPing();
        for (String garbage : List.of("9", "4", "42[not json", "42{\"event\":1}", "47", "x", "")) {
            var bad = fixture.webSocket("EIO=4&transport=websocket");
            bad.next();
            bad.send("40{\"token\":\"" + user.token() + "\"}");
            bad.nextNonPing();
            bad.send(garbage);
            assertTrue(bad.closed.get(5, TimeUnit.SECONDS) > 0, "closed after " + garbage);
        }
        healthy.send("427[\"get_online_users\",{}]");
        assertTrue(healthy.nextNonPing().startsWith("437[{\"ok\":true"));
    }

    @Test
    void connectMustComeFirstAndInTime() throws Exception {
        var silent = fixture.webSocket("EIO=4&transport=websocket");
        silent.next();
        assertTrue(silent.closed.get(5, TimeUnit.SECONDS) > 0, "no CONNECT within connectTimeout");

        var eager = fixture.webSocket("EIO=4&transport=websocket");
        eager.next();
        eager.send("42[\"get_online_users\",{}]");
        assertTrue(eager.closed.get(5, TimeUnit.SECONDS) > 0, "an event before CONNECT");
    }

    @Test
    void refusesOtherNamespacesAndBadTokens() throws Exception {
        var socket = fixture.webSocket("EIO=4&transport=websocket");
        socket.next();
        socket.send("40/admin,");
        assertEquals("44/admin,{\"message\":\"Invalid namespace\"}", socket.nextNonPing());
        socket.send("40{\"token\":\"forged\"}");
        assertEquals("44{\"message\":\"unauthorized\"}", socket.nextNonPing());
        socket.send("40");
        assertEquals("44{\"message\":\"unauthorized\"}", socket.nextNonPing());
    }

    @Test
    void concurrentHandshakesKeepTheirOwnAuthorizationHeader() throws Exception {
        var recipient = fixture.account();
        var pool = Executors.newFixedThreadPool(8);
        try {
            var checks = new ArrayList<Callable<Boolean>>();
            for (int i = 0; i < 16; i++) {
                var user = fixture.account();
                checks.add(() -> {
                    var client = new RawSocket();
                    client.socket = fixture.http
                            .newWebSocketBuilder()
                            .header("Authorization", "Bearer " + user.token())
                            .buildAsync(
                                    URI.create(fixture.base.replace("http", "ws")
                                            + "/socket.io/?EIO=4&transport=websocket"),
                                    client)
                            .join();
                    client.next();
                    client.send("40");
                    client.nextNonPing();
                    client.send("421[\"send_message\",{\"recipientId\":\"" + recipient.id()
                            + "\",\"content\":\"who am i\"}]");
                    String ack = client.nextNonPing();
                    while (ack.startsWith("42")) { // events such as conversation_updated may come before the ack
                        ack = client.nextNonPing();
                    }
                    return json(ack.substring(3))
                            .get(0)
                            .get("message")
                            .get("senderId")
                            .asText()
                            .equals(user.id());
                });
            }
            for (var future : pool.invokeAll(checks)) {
                assertTrue(future.get(), "each connection is the user of its own header");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void acceptsTheTokenFromTheQueryOrTheHeader() throws Exception {
        var user = fixture.account();
        var byQuery = fixture.webSocket("EIO=4&transport=websocket&token=" + user.token());
        byQuery.next();
        byQuery.send("40");
        assertTrue(byQuery.nextNonPing().startsWith("40{\"sid\""));

        var open = fixture.http
                .send(
                        HttpRequest.newBuilder(URI.create(fixture.base + "/socket.io/?EIO=4&transport=polling"))
                                .header("Authorization", "Bearer " + user.token())
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        String sid = json(open.substring(1)).get("sid").asText();
        fixture.post("EIO=4&transport=polling&sid=" + sid, "40");
        assertTrue(fixture.get("EIO=4&transport=polling&sid=" + sid).body().startsWith("40{\"sid\""));
    }
}
