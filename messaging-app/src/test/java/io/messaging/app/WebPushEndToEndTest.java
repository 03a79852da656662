package io.messaging.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.messaging.push.TestPushService;
import io.socket.client.IO;
import io.socket.client.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Web Push through the whole server, to a push service on loopback that checks VAPID and decrypts each push as a
 * browser would: who gets a push, how the push service's answers are handled, a restart with a push pending, and
 * the endpoints the server refuses to reach.
 */
class WebPushEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    /** Long enough for the push worker (5 runs a second) to have sent anything it was going to send. */
    private static final Duration QUIET = Duration.ofMillis(1500);

    private static final Map<String, String> INSECURE = Map.of("PUSH_ALLOW_INSECURE", "true");

    private final TestPushService service = TestPushService.start();
    private RunningServer server;

    WebPushEndToEndTest() throws Exception {}

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        service.close();
    }

    private ApiClient start(Map<String, String> environment) throws Exception {
        server = new RunningServer(environment);
        var api = new ApiClient(server.base);
        var key = api.call(
                "GET", "/api/push/vapid-public-key", api.account("keyreader").token(), null);
        assertEquals(200, key.status());
        service.expectVapidKey(key.body().get("publicKey").asText());
        return api;
    }

    private static ApiClient.Reply subscribe(ApiClient api, String token, TestPushService.Subscription browser)
            throws Exception {
        return api.call(
                "POST",
                "/api/push/subscriptions",
                token,
                "{\"endpoint\":\"" + browser.endpoint()
                        + "\",\"expirationTime\":null,\"keys\":{\"p256dh\":\"" + browser.p256dh() + "\",\"auth\":\""
                        + browser.auth() + "\"}}");
    }

    private static JsonNode send(ApiClient api, String token, String recipientId, String content) throws Exception {
        var sent = api.call(
                "POST",
                "/api/messages",
                token,
                "{\"recipientId\":\"" + recipientId + "\",\"content\":\"" + content + "\"}");
        assertEquals(201, sent.status(), String.valueOf(sent.body()));
        return sent.body();
    }

    private TestPushService.Push nextPush() throws InterruptedException {
        return service.awaitPush(WAIT)
                .orElseThrow(() -> new AssertionError("no push arrived; failures: " + service.failures()));
    }

    @Test
    void aUserWithNoSocketGetsExactlyOnePushPerMessage() throws Exception {
        var api = start(INSECURE);
        var alice = api.account("alice");
        var bob = api.account("bob");
        var browser = service.subscribe();
        var created = subscribe(api, bob.token(), browser);
        assertEquals(201, created.status());
        var again = subscribe(api, bob.token(), browser);
        assertEquals(200, again.status());
        assertEquals(created.body().get("id"), again.body().get("id"));

        var first = send(api, alice.token(), bob.id(), "lunch at noon?");
        var second = send(api, alice.token(), bob.id(), "or at one");

        var pushes = List.of(nextPush(), nextPush());
        Thread.sleep(QUIET.toMillis());
        assertEquals(List.of(), service.pending());
        assertEquals(List.of(), service.failures());
        for (int i = 0; i < 2; i++) {
            var message = List.of(first, second).get(i);
            var payload = pushes.get(i).payload();
            assertEquals("new_message", payload.get("type"));
            assertEquals(message.get("id").asText(), payload.get("messageId"));
            assertEquals(message.get("conversationId").asText(), payload.get("conversationId"));
            assertEquals(message.get("seq").asLong(), payload.get("seq"));
            assertEquals(alice.id(), payload.get("senderId"));
            assertEquals("alice", payload.get("title"));
            assertEquals(message.get("content").asText(), payload.get("body"));
            assertEquals("high", pushes.get(i).urgency());
            assertTrue(pushes.get(i).ttl() > 0 && pushes.get(i).ttl() <= 86_400);
        }
        assertEquals(pushes.get(0).topic(), pushes.get(1).topic());
        var listed = api.call("GET", "/api/push/subscriptions", bob.token(), null)
                .body()
                .get("items");
        assertEquals(1, listed.size());
        assertEquals(browser.endpoint(), listed.get(0).get("endpoint").asText());
        assertEquals(
                0,
                api.call("GET", "/api/push/subscriptions", alice.token(), null)
                        .body()
                        .get("items")
                        .size());
    }

    @Test
    void aUserWithALiveSocketGetsNoPush() throws Exception {
        var api = start(INSECURE);
        var alice = api.account("alice");
        var bob = api.account("bob");
        var carol = api.account("carol");
        var bobsBrowser = service.subscribe();
        subscribe(api, bob.token(), bobsBrowser);
        subscribe(api, carol.token(), service.subscribe());
        Socket socket = IO.socket(
                URI.create(server.base),
                IO.Options.builder()
                        .setAuth(Map.of("token", bob.token()))
                        .setReconnection(false)
                        .setTransports(new String[] {"websocket"})
                        .build());
        var connected = new CountDownLatch(1);
        socket.on(Socket.EVENT_CONNECT, args -> connected.countDown());
        socket.connect();
        try {
            assertTrue(connected.await(10, TimeUnit.SECONDS));
            send(api, alice.token(), bob.id(), "you are here");
            send(api, alice.token(), carol.id(), "you are away");

            var push = nextPush();
            Thread.sleep(QUIET.toMillis());
            assertEquals("you are away", push.payload().get("body"));
            assertTrue(push.endpoint().startsWith(service.subscribe().endpoint().replaceAll("sub-\\d+$", "")));
            assertEquals(List.of(), service.pending());
        } finally {
            socket.close();
        }
    }

    @Test
    void anEndpointThatAnswers410IsDeleted() throws Exception {
        var api = start(INSECURE);
        var alice = api.account("alice");
        var bob = api.account("bob");
        subscribe(api, bob.token(), service.subscribe());
        service.answerNext(410, Optional.empty());

        send(api, alice.token(), bob.id(), "anyone there?");

        long deadline = System.nanoTime() + WAIT.toNanos();
        int left;
        do {
            Thread.sleep(100);
            left = api.call("GET", "/api/push/subscriptions", bob.token(), null)
                    .body()
                    .get("items")
                    .size();
        } while (left > 0 && System.nanoTime() < deadline);
        assertEquals(0, left);
        assertEquals(1, service.requests());
    }

    @Test
    void a503IsRetriedAfterRetryAfterAndDeliveredOnce() throws Exception {
        var api = start(INSECURE);
        var alice = api.account("alice");
        var bob = api.account("bob");
        subscribe(api, bob.token(), service.subscribe());
        service.answerNext(503, Optional.of("1"));

        send(api, alice.token(), bob.id(), "second time lucky");

        assertEquals("second time lucky", nextPush().payload().get("body"));
        Thread.sleep(QUIET.toMillis());
        assertEquals(2, service.requests());
        assertEquals(List.of(), service.pending());
        assertEquals(List.of(), service.failures());
    }

    @Test
    void aPushPendingWhenTheServerIsKilledIsDeliveredAfterTheRestart() throws Exception {
        Path dataDir = Files.createTempDirectory("push-restart");
        int port = RunningServer.freePort();
        var environment = new HashMap<>(RunningServer.environment(port, dataDir));
        environment.putAll(INSECURE);
        ApiClient.Account bob;
        try (var first = ServerProcess.start(environment, dataDir.resolve("first.log"))) {
            first.awaitHealthy();
            var alice = first.api.account("alice");
            bob = first.api.account("bob");
            service.expectVapidKey(first.api
                    .call("GET", "/api/push/vapid-public-key", bob.token(), null)
                    .body()
                    .get("publicKey")
                    .asText());
            subscribe(first.api, bob.token(), service.subscribe());
            service.answerNext(503, Optional.of("3"));
            send(first.api, alice.token(), bob.id(), "still there after a crash");
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (service.requests() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertEquals(1, service.requests());
            awaitStoredRetry(dataDir.resolve("messaging.db"));
            first.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        assertEquals(List.of(), service.pending());
        try (var second = ServerProcess.start(environment, dataDir.resolve("second.log"))) {
            second.awaitHealthy();
            assertEquals("still there after a crash", nextPush().payload().get("body"));
            Thread.sleep(QUIET.toMillis());
            assertEquals(2, service.requests());
            assertEquals(List.of(), service.failures());
        }
    }

    /** Waits until the store holds the push as retried once (the 503 is settled right after its answer). */
    private static void awaitStoredRetry(Path database) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        try (var connection = DriverManager.getConnection("jdbc:sqlite:" + database.toAbsolutePath())) {
            while (System.nanoTime() < deadline) {
                try (var rows = connection.createStatement().executeQuery("SELECT attempts FROM push_queue")) {
                    if (rows.next() && rows.getInt(1) == 1) {
                        return;
                    }
                }
                Thread.sleep(50);
            }
        }
        throw new AssertionError("the retry of the push was not stored");
    }

    @Test
    void plainHttpLoopbackAndPrivateEndpointsAreRefusedWithoutPushAllowInsecure() throws Exception {
        var api = start(Map.of());
        var bob = api.account("bob");
        var browser = service.subscribe();

        for (String endpoint : List.of(
                browser.endpoint(),
                browser.endpoint().replace("http:", "https:"),
                "https://10.0.0.7/push/1",
                "https://[fd00::7]/push/1",
                "https://169.254.169.254/latest")) {
            var refused = subscribe(
                    api, bob.token(), new TestPushService.Subscription(endpoint, browser.p256dh(), browser.auth()));
            assertEquals(400, refused.status(), endpoint);
            assertEquals("validation_failed", refused.body().get("code").asText());
        }
        assertEquals(
                0,
                api.call("GET", "/api/push/subscriptions", bob.token(), null)
                        .body()
                        .get("items")
                        .size());
        assertEquals(0, service.requests());
    }

    @Test
    void badSubscriptionsAndOthersSubscriptionsAreRefused() throws Exception {
        var api = start(INSECURE);
        var bob = api.account("bob");
        var eve = api.account("eve");
        var browser = service.subscribe();

        assertEquals(
                400,
                api.call(
                                "POST",
                                "/api/push/subscriptions",
                                bob.token(),
                                "{\"endpoint\":\"" + browser.endpoint() + "\"}")
                        .status());
        assertEquals(
                400,
                subscribe(
                                api,
                                bob.token(),
                                new TestPushService.Subscription(browser.endpoint(), "short", browser.auth()))
                        .status());
        assertEquals(401, api.call("GET", "/api/push/subscriptions", null, null).status());
        var id = subscribe(api, bob.token(), browser).body().get("id").asText();
        assertEquals(
                404,
                api.call("DELETE", "/api/push/subscriptions/" + id, eve.token(), null)
                        .status());
        assertEquals(
                204,
                api.call("DELETE", "/api/push/subscriptions/" + id, bob.token(), null)
                        .status());
        assertEquals(
                404,
                api.call("DELETE", "/api/push/subscriptions/" + id, bob.token(), null)
                        .status());
    }
}
