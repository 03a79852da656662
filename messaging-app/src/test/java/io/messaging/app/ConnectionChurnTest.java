package io.messaging.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * 10,000 connections opened and dropped without a goodbye (half WebSocket, half long-polling with a held poll, many
 * of them connected as a user who was typing) leave no session, connected user, typing state or thread behind, as /metrics says,
 * and no presence: the user is offline.
 */
class ConnectionChurnTest {
    private static final int CONNECTIONS = 10_000;
    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void droppedConnectionsLeaveNothingBehind() throws Exception {
        try (var server = new RunningServer(Map.of("SOCKET_EVENT_BURST", "1000000", "SOCKET_EVENT_RATE", "1000000"))) {
            var api = new ApiClient(server.base);
            var alice = api.account("churn-alice");
            var bob = api.account("churn-bob");
            String conversation = api.sendDirect(alice, bob, "hi");
            double threadsBefore = metric(server, "jvm_threads_live_threads");
            var pool = Executors.newFixedThreadPool(16);
            try {
                List<Callable<Void>> work = new ArrayList<>();
                for (int i = 0; i < CONNECTIONS; i++) {
                    boolean overWebSocket = i % 2 == 0;
                    boolean typing = i % 10 == 0;
                    work.add(() -> {
                        if (overWebSocket) {
                            openAndDropWebSocket(server, alice.token(), typing ? conversation : null);
                        } else {
                            openAndDropPoll(server);
                        }
                        return null;
                    });
                }
                for (var done : pool.invokeAll(work, 8, TimeUnit.MINUTES)) {
                    done.get();
                }
            } finally {
                pool.shutdownNow();
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline
                    && (metric(server, "messaging_connections") > 0
                            || metric(server, "messaging_connected_users") > 0
                            || metric(server, "messaging_typing_states") > 0)) {
                Thread.sleep(200);
            }
            assertEquals(0.0, metric(server, "messaging_connections"), "no session left");
            assertEquals(0.0, metric(server, "messaging_connected_users"), "no connected user or allowance left");
            assertEquals(0.0, metric(server, "messaging_typing_states"), "no typing state left");
            assertEquals(200, api.call("GET", "/api/health", null, null).status());
            var observer = FuzzedInputTest.connect(server.base, bob.token());
            observer.socket.sendText("421[\"get_online_users\",{}]", true);
            assertEquals(
                    "431[{\"ok\":true,\"users\":[]}]",
                    observer.awaitAckOrClose("431["),
                    "no presence left: alice is offline");
            observer.socket.abort();
            assertTrue(
                    metric(server, "jvm_threads_live_threads") <= threadsBefore + 32,
                    "no thread per dropped connection");
        }
    }

    private static void openAndDropWebSocket(RunningServer server, String token, String typingIn) throws Exception {
        var received = new LinkedBlockingQueue<String>();
        WebSocket socket = HTTP.newWebSocketBuilder()
                .buildAsync(
                        URI.create(server.base.replace("http", "ws") + "/socket.io/?EIO=4&transport=websocket"),
                        new WebSocket.Listener() {
                            @Override
                            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                                received.add(data.toString());
                                ws.request(1);
                                return null;
                            }
                        })
                .get(30, TimeUnit.SECONDS);
        received.poll(30, TimeUnit.SECONDS);
        socket.sendText("40{\"token\":\"" + token + "\"}", true).get(30, TimeUnit.SECONDS);
        received.poll(30, TimeUnit.SECONDS);
        if (typingIn != null) {
            socket.sendText("42[\"join_conversation\",{\"conversationId\":\"" + typingIn + "\"}]", true);
            socket.sendText("42[\"typing_start\",{\"conversationId\":\"" + typingIn + "\"}]", true);
        }
        socket.abort();
    }

    private static void openAndDropPoll(RunningServer server) throws IOException {
        String open = RawHttp.get(server.server.port(), "/socket.io/?EIO=4&transport=polling", "Host: localhost")
                .body();
        int start = open.indexOf("\"sid\":\"") + 7;
        String sid = open.substring(start, open.indexOf('"', start));
        try (var held = new Socket("127.0.0.1", server.server.port())) {
            held.getOutputStream()
                    .write(("GET /socket.io/?EIO=4&transport=polling&sid=" + sid
                                    + " HTTP/1.1\r\nHost: localhost\r\n\r\n")
                            .getBytes(StandardCharsets.ISO_8859_1));
            held.getOutputStream().flush();
        }
    }

    private static double metric(RunningServer server, String name) throws Exception {
        String scrape = HTTP.send(
                        HttpRequest.newBuilder(URI.create(server.base + "/metrics"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        var matcher = Pattern.compile("(?m)^" + name + "(\\{[^}]*})? (\\S+)$").matcher(scrape);
        return matcher.find() ? Double.parseDouble(matcher.group(2)) : Double.NaN;
    }
}
