package io.messaging.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.messaging.wire.WireJson;
import io.messaging.ws.RawSocket;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Property-based fuzzing of the running server: REST bodies, query strings and paths, and Engine.IO/Socket.IO
 * frames over a real WebSocket. Whatever arrives, the server answers below 500 (a problem document for a 4xx), or
 * acknowledges with an error, or closes only the offending connection; it stays up, and a healthy connection keeps
 * working. Bounded by a fixed number of tries.
 */
class FuzzedInputTest {
    private static RunningServer server;
    private static ApiClient.Account alice;
    private static ApiClient.Account bob;
    private static String conversationId;
    private static long lastSeq;
    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeContainer
    static void start() throws Exception {
        server = new RunningServer(Map.of(
                "RATE_LIMIT_REGISTER_PER_ADDRESS",
                "1000",
                "SOCKET_EVENT_BURST",
                "100000",
                "SOCKET_EVENT_RATE",
                "100000"));
        var api = new ApiClient(server.base);
        alice = api.account("fuzz-alice");
        bob = api.account("fuzz-bob");
        var first = api.call(
                "POST", "/api/messages", alice.token(), "{\"recipientId\":\"" + bob.id() + "\",\"content\":\"hi\"}");
        conversationId = first.body().get("conversationId").asText();
        lastSeq = first.body().get("seq").asLong();
    }

    /**
     * Nothing half-written and nothing skipped: what the store holds after the last check continues the
     * conversation gap-free, each message whole (an id, the sender, a text).
     */
    private static void storeIsWhole() throws Exception {
        var page = new ApiClient(server.base)
                .call(
                        "GET",
                        "/api/conversations/" + conversationId + "/messages?limit=100&after=" + lastSeq,
                        alice.token(),
                        null);
        assertEquals(200, page.status());
        for (var message : page.body().get("items")) {
            assertEquals(lastSeq + 1, message.get("seq").asLong(), "gap-free: " + message);
            assertTrue(
                    message.path("id").isTextual() && message.path("senderId").isTextual(), message.toString());
            assertTrue(message.path("content").isTextual(), message.toString());
            lastSeq++;
        }
    }

    @AfterContainer
    static void stop() {
        server.close();
    }

    @Provide
    Arbitrary<String> fuzz() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(40),
                Arbitraries.strings()
                        .withChars("{}[]\":,\\ud800\\u0000%/.-_ab01etrunl")
                        .ofMaxLength(60),
                Arbitraries.of(
                        "{\"content\":\"a\"}xyz",
                        "{\"a\":1,\"a\":2}",
                        "[",
                        "\"\\ud800\"",
                        "%ZZ",
                        "..%2F",
                        "%00",
                        "{\"recipientId\":null}",
                        "{\"content\":" + "9".repeat(400) + "}",
                        "\u0000",
                        "{\"attachments\":[{\"id\":{}}]}",
                        "{\"type\":\"voice\",\"voice\":{\"durationMs\":-1}}"));
    }

    @Provide
    Arbitrary<String> method() {
        return Arbitraries.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");
    }

    @Provide
    Arbitrary<String> path() {
        Arbitrary<String> template = Arbitraries.of(
                "/api/messages/%s",
                "/api/conversations/%s",
                "/api/conversations/%s/messages",
                "/api/users/%s",
                "/api/attachments/%s",
                "/api/messages/%s/reactions/%s",
                "/api/messages/conversation/%s",
                "/%s",
                "/socket.io/%s",
                "/api/messages",
                "/api/auth/%s",
                "/api/messages/search");
        return Combinators.combine(template, fuzz(), Arbitraries.of(true, false))
                .as((t, value, raw) ->
                        t.replace("%s", raw ? rawSegment(value) : URLEncoder.encode(value, StandardCharsets.UTF_8)));
    }

    /** A segment as a careless client would send it: only what cannot appear in a request line is escaped. */
    private static String rawSegment(String value) {
        var out = new StringBuilder();
        for (char c : value.toCharArray()) {
            out.append(
                    c <= ' ' || c >= 0x7f || c == '#' || c == '?'
                            ? "%" + String.format("%02X", (int) c & 0xff)
                            : String.valueOf(c));
        }
        return out.toString();
    }

    @Property(tries = 300)
    void everyRestRequestIsAnsweredBelow500(
            @ForAll("method") String method,
            @ForAll("path") String path,
            @ForAll("fuzz") String query,
            @ForAll("fuzz") String body,
            @ForAll boolean authorized)
            throws Exception {
        String target = path + "?q=" + rawSegment(query) + "&limit=" + rawSegment(query) + "&cursor="
                + URLEncoder.encode(query, StandardCharsets.UTF_8);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String request = method + " " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                + (authorized ? "Authorization: Bearer " + alice.token() + "\r\n" : "")
                + "Content-Type: application/json\r\nContent-Length: " + bytes.length + "\r\n\r\n";
        var answer = RawHttp.send(server.server.port(), request + new String(bytes, StandardCharsets.ISO_8859_1));
        assertTrue(answer.status() < 500, method + " " + target + " " + body + " -> " + answer);
        if (answer.status() >= 400 && !method.equals("HEAD")) {
            if (path.startsWith("/socket.io/") && answer.header("Content-Type").startsWith("application/json")) {
                // Engine.IO's own error answer, {"code","message"}, which its clients and the official suite read
                assertTrue(answer.body().startsWith("{\"code\":"), method + " " + target + " -> " + answer);
            } else {
                assertTrue(
                        answer.header("Content-Type").startsWith("application/problem+json"),
                        method + " " + target + " -> " + answer);
            }
        }
    }

    /** A text as a JSON string literal. */
    private static String jsonString(String text) {
        try {
            return WireJson.MAPPER.writeValueAsString(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Provide
    Arbitrary<String> frame() {
        Arbitrary<String> prefix = Arbitraries.of(
                "",
                "0",
                "1",
                "2",
                "3",
                "4",
                "40",
                "41",
                "42",
                "43",
                "44",
                "45",
                "451-",
                "46",
                "421",
                "4299999999999999999",
                "42/x,",
                "b",
                "6",
                "5",
                "2probe",
                "40{\"token\":1}");
        Arbitrary<String> event = Arbitraries.of(
                "send_message",
                "join_conversation",
                "leave_conversation",
                "typing_start",
                "mark_messages_read",
                "get_online_users",
                "schedule_message",
                "nope",
                "");
        Arbitrary<String> structured =
                Combinators.combine(event, fuzz()).as((name, payload) -> "42" + "7[\"" + name + "\"," + payload + "]");
        Arbitrary<String> send = fuzz().map(text ->
                "427[\"send_message\",{\"recipientId\":\"" + alice.id() + "\",\"content\":" + jsonString(text) + "}]");
        return Arbitraries.oneOf(Combinators.combine(prefix, fuzz()).as(String::concat), structured, send)
                .filter(FuzzedInputTest::isUnicode);
    }

    /**
     * Whether a text is whole Unicode: a WebSocket text message is UTF-8, so a lone surrogate cannot be sent as one
     * (the client refuses it); malformed UTF-8 on the wire is the transport's concern, which closes with 1007.
     */
    private static boolean isUnicode(String text) {
        return StandardCharsets.UTF_8.newEncoder().canEncode(text);
    }

    @Property(tries = 150)
    void everyFrameIsAnsweredOrClosesOnlyItsConnection(@ForAll("frame") String frame) throws Exception {
        var healthy = connect(server.base, alice.token());
        var fuzzed = connect(server.base, bob.token());
        fuzzed.send(frame);
        boolean asked = fuzzed.sendUnlessClosed("429[\"get_online_users\",{}]");
        String reply = asked ? fuzzed.awaitAckOrClose("439[") : fuzzed.awaitClose();
        assertTrue(reply.startsWith("439[") || reply.equals("closed"), frame + " -> " + reply);

        healthy.send("421[\"get_online_users\",{}]");
        assertTrue(healthy.awaitAckOrClose("431[").startsWith("431[{\"ok\":true"), "after " + frame);
        healthy.socket.abort();
        fuzzed.socket.abort();
        var health = new ApiClient(server.base).call("GET", "/api/health", null, null);
        assertEquals(200, health.status());
        storeIsWhole();
    }

    /** A connected Socket.IO socket over a raw WebSocket, recording what it receives. */
    static RawSocket connect(String base, String token) throws Exception {
        var connection = new RawSocket(Duration.ofSeconds(10));
        connection.socket = HTTP.newWebSocketBuilder()
                .buildAsync(
                        URI.create(base.replace("http", "ws") + "/socket.io/?EIO=4&transport=websocket"), connection)
                .get(10, TimeUnit.SECONDS);
        connection.next();
        connection.send("40{\"token\":\"" + token + "\"}");
        String connected = connection.next();
        if (!connected.startsWith("40{")) {
            throw new AssertionError("not connected: " + connected);
        }
        return connection;
    }
}
