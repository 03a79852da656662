package io.messaging.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.messaging.push.TestPushService;
import io.messaging.push.VapidKeys;
import io.messaging.redis.RedisServer;
import io.socket.client.Ack;
import io.socket.client.IO;
import io.socket.client.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.LongStream;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Several nodes behind no load balancer: a real {@code redis-server}, the MongoDB wire server as its own process,
 * and two server processes on two ports, with official Socket.IO clients on both. Events cross between nodes once
 * and in order, presence counts a user's tabs on both, a user's event allowance and an offline user's pushes hold
 * once for all nodes, a SIGKILLed node's users go offline, writers on both nodes get gap-free seq, and a Redis
 * restart in the middle of a stream loses nothing once clients catch up. Waits are
 * bounded generously and wait for something to happen; none measures speed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SeveralNodesTest {
    private static final long WAIT_SECONDS = 30;
    private RedisServer redis;
    private Process mongo;
    private String mongoUri;
    private final List<ServerProcess> nodes = new ArrayList<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private VapidKeys vapid;
    private ServerProcess a;
    private ServerProcess b;

    @BeforeAll
    void startRedisMongoAndTwoNodes() throws Exception {
        redis = RedisServer.start();
        int mongoPort = RunningServer.freePort();
        mongo = MongoWireServer.start(mongoPort, Files.createTempFile("mongo-wire", ".log"));
        mongoUri = "mongodb://127.0.0.1:" + mongoPort + "/severalnodes";
        vapid = VapidKeys.generate();
        a = node();
        b = node();
        a.awaitHealthy();
        b.awaitHealthy();
    }

    private ServerProcess node() throws Exception {
        return node(Map.of());
    }

    private ServerProcess node(Map<String, String> settings) throws Exception {
        int port = RunningServer.freePort();
        var environment = new HashMap<String, String>();
        environment.put("PORT", String.valueOf(port));
        environment.put("MONGODB_URI", mongoUri);
        environment.put("REDIS_URL", redis.url());
        environment.put("REDIS_NODE_TTL", "2s");
        environment.put("JWT_SECRET", "one-secret-for-every-node-0123456789");
        environment.put("VAPID_PUBLIC_KEY", vapid.publicKeyBase64Url());
        environment.put("VAPID_PRIVATE_KEY", vapid.privateKeyBase64Url());
        environment.put("DATA_DIR", Files.createTempDirectory("node-data").toString());
        environment.put("SOCKET_RECOVERY_WINDOW", "3s");
        environment.put("SOCKET_RECOVERY_SESSION_EVENTS", "20");
        environment.put("SOCKET_PING_INTERVAL", "400ms");
        environment.put("SOCKET_PING_TIMEOUT", "400ms");
        environment.put("RATE_LIMIT_REGISTER_PER_ADDRESS", "1000");
        environment.put("RATE_LIMIT_LOGIN_PER_ADDRESS", "1000");
        environment.put("PUSH_ALLOW_INSECURE", "true");
        environment.putAll(settings);
        var node = ServerProcess.start(environment, Files.createTempFile("node", ".log"));
        nodes.add(node);
        return node;
    }

    @AfterAll
    void stopEverything() throws Exception {
        sockets.forEach(Socket::close);
        nodes.forEach(ServerProcess::close);
        if (mongo != null) {
            mongo.destroyForcibly();
        }
        if (redis != null) {
            redis.close();
        }
    }

    /**
     * The official client's scenarios with some tabs on the other node: every event of the fanout scenario crosses,
     * presence counts tabs on both nodes, a dropped client recovers on the other node with what it missed, a
     * scheduled message is sent once by two nodes' dispatchers, and encrypted messages reach each device on either
     * node with its own envelope alone, live and after recovery.
     */
    @ParameterizedTest
    @ValueSource(strings = {"fanout", "presence", "recovery", "scheduled", "encrypted", "encrypted-recovery"})
    @Order(1)
    void officialClientScenariosAcrossNodes(String scenario) throws Exception {
        var run = Node.run(Path.of("src/test/js"), Map.of(), "scenarios.mjs", scenario, base(a), base(b));
        assertEquals(0, run.exitCode(), run.output());
        assertTrue(run.output().contains(" passed, 0 failed"), run.output());
    }

    private static String base(ServerProcess node) {
        return node.api.base();
    }

    @Test
    @Order(2)
    void writersOnBothNodesGetGapFreeSeqAndEveryReaderGetsEachMessageOnceInOrder() throws Exception {
        var alice = a.api.account("seq-alice-" + System.nanoTime());
        var bob = b.api.account("seq-bob-" + System.nanoTime());
        var first = a.api.call("POST", "/api/messages", alice.token(), message(bob.id(), null, "first", "first"));
        String conversation = first.body().get("conversationId").asText();
        var atA = connect(a, bob);
        var atB = connect(b, alice);
        join(atA.socket, conversation);
        join(atB.socket, conversation);
        int perNode = 40;
        var pool = Executors.newFixedThreadPool(4);
        try {
            var sends = new ArrayList<Future<ApiClient.Reply>>();
            for (int i = 0; i < perNode; i++) {
                String id = "m" + i;
                sends.add(pool.submit(() -> a.api.call(
                        "POST", "/api/messages", alice.token(), message(null, conversation, "a-" + id, "a-" + id))));
                sends.add(pool.submit(() -> b.api.call(
                        "POST", "/api/messages", bob.token(), message(null, conversation, "b-" + id, "b-" + id))));
            }
            for (var send : sends) {
                assertEquals(201, send.get().status(), send.get().toString());
            }
        } finally {
            pool.shutdownNow();
        }
        var history = b.api.history(conversation, bob.token());
        long total = 1 + 2L * perNode;
        assertEquals(
                LongStream.rangeClosed(1, total).boxed().toList(),
                history.stream().map(m -> m.get("seq").asLong()).toList(),
                "gap-free, unique seq with writers on two nodes");
        // bob's socket on node a, alice's on node b: each sees the other's messages, none twice, in seq order
        // REST sends come from no socket, so every joined socket gets all of them, its own user's included
        await(() -> atA.seqs("new_message").size() == 2 * perNode
                && atB.seqs("new_message").size() == 2 * perNode);
        for (var reader : List.of(atA, atB)) {
            var seqs = reader.seqs("new_message");
            assertEquals(seqs.stream().sorted().distinct().toList(), seqs, "in seq order, once: " + seqs);
        }

        var retry = b.api.call("POST", "/api/messages", alice.token(), message(null, conversation, "again", "a-m0"));
        assertTrue(retry.status() == 200 || retry.status() == 201, retry.toString());
        var stored = history.stream()
                .filter(m -> m.get("clientMessageId").asText().equals("a-m0"))
                .findFirst()
                .orElseThrow();
        assertEquals(
                stored.get("id").asText(),
                retry.body().get("id").asText(),
                "a clientMessageId retry on the other node answers the stored message");
        assertEquals(total, b.api.history(conversation, bob.token()).size(), "and stores nothing new");
    }

    @Test
    @Order(2)
    void theLoginLimitCountsAttemptsOnEveryNode() throws Exception {
        String name = "limited-" + System.nanoTime();
        a.api.account(name);
        String wrong = new JSONObject()
                .put("login", name)
                .put("password", "not-the-password")
                .toString();
        for (int attempt = 2; attempt <= 10; attempt++) {
            var node = attempt % 2 == 0 ? b : a;
            assertEquals(
                    401, node.api.call("POST", "/api/auth/login", null, wrong).status(), "attempt " + attempt);
        }
        var eleventh = b.api.call("POST", "/api/auth/login", null, wrong);
        assertEquals(429, eleventh.status(), "ten attempts for one account across two nodes use up its allowance");
        assertEquals(429, a.api.call("POST", "/api/auth/login", null, wrong).status());
    }

    @Test
    @Order(2)
    void aUsersEventAllowanceHoldsOnceWithSocketsOnTwoNodes() throws Exception {
        int burst = 30;
        var limited = Map.of("SOCKET_EVENT_RATE", "1", "SOCKET_EVENT_BURST", String.valueOf(burst));
        var c = node(limited);
        var d = node(limited);
        try {
            c.awaitHealthy();
            d.awaitHealthy();
            var carol = c.api.account("limits-carol-" + System.nanoTime());
            long start = System.nanoTime(); // the user's bucket starts with the first connect
            var atC = connect(c, carol);
            var atD = connect(d, carol);
            var answers = new ArrayList<CompletableFuture<JSONObject>>();
            // each socket sends one burst: within its own allowance, and within this node's allowance of the user
            for (int i = 0; i < burst; i++) {
                answers.add(atC.emit("get_online_users", new JSONObject()));
                answers.add(atD.emit("get_online_users", new JSONObject()));
            }
            int allowed = 0;
            int refused = 0;
            for (var answer : answers) {
                var ack = answer.get(WAIT_SECONDS, TimeUnit.SECONDS);
                if (ack.getBoolean("ok")) {
                    allowed++;
                } else {
                    assertEquals("rate_limited", ack.getJSONObject("error").getString("code"), ack.toString());
                    refused++;
                }
            }
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start) + 1;
            System.out.printf(
                    "one user, a socket on each of two nodes, %d events each: %d allowed, %d rate_limited in %d s%n",
                    burst, allowed, refused, seconds);
            // beyond the burst: a token a second since the start, and the chunk each node may spend on credit
            int chunk = Math.max(1, burst / 10);
            assertTrue(
                    allowed <= burst + seconds + 2 * chunk,
                    allowed + " allowed: the user's burst holds once for both nodes, not once on each");
            assertTrue(allowed >= burst - 4 * chunk, allowed + " allowed: the user gets about their whole burst");
            assertTrue(atC.socket.connected() && atD.socket.connected(), "refused, not disconnected");
        } finally {
            for (var node : List.of(c, d)) {
                node.close();
                nodes.remove(node);
            }
        }
    }

    @Test
    @Order(2)
    void anOfflineUserGetsOnePushPerMessageWhicheverNodeStoresOrSchedulesIt() throws Exception {
        try (var pushService = TestPushService.start()) {
            pushService.expectVapidKey(vapid.publicKeyBase64Url());
            var alice = a.api.account("push-alice-" + System.nanoTime());
            var bob = b.api.account("push-bob-" + System.nanoTime());
            var dave = a.api.account("push-dave-" + System.nanoTime());
            subscribe(b, bob, pushService);
            subscribe(a, dave, pushService);
            var first = a.api.call("POST", "/api/messages", alice.token(), message(bob.id(), null, "p0", "p0"));
            String conversation = first.body().get("conversationId").asText();
            var expected = new ArrayList<>(List.of("p0"));
            for (int i = 1; i <= 6; i++) {
                var node = i % 2 == 0 ? a : b; // both nodes hear of every message; the one that stored it decides
                var sent = node.api.call(
                        "POST", "/api/messages", alice.token(), message(null, conversation, "p" + i, "p" + i));
                assertEquals(201, sent.status(), sent.toString());
                expected.add("p" + i);
            }
            var scheduled = b.api.call(
                    "POST",
                    "/api/scheduled-messages",
                    alice.token(),
                    new JSONObject()
                            .put("conversationId", conversation)
                            .put("content", "scheduled")
                            .put("sendAt", Instant.now().plusSeconds(1).toString())
                            .toString());
            assertEquals(201, scheduled.status(), scheduled.toString());
            expected.add("scheduled");
            var pushed = new ArrayList<String>();
            for (int i = 0; i < expected.size(); i++) {
                pushed.add(nextPush(pushService));
            }

            // online on node b: a message stored on node a finds bob's socket there, and pushes nothing
            var watcher = connect(a, alice);
            connect(b, bob);
            await(() -> watcher.users("user_online").contains(bob.id()));
            assertEquals(
                    201,
                    a.api.call("POST", "/api/messages", alice.token(), message(null, conversation, "here", "here"))
                            .status());
            // node a decides its messages' pushes in order: once dave's arrives, it has decided on "here"
            assertEquals(
                    201,
                    a.api.call("POST", "/api/messages", alice.token(), message(dave.id(), null, "for dave", "d"))
                            .status());
            expected.add("for dave");
            pushed.add(nextPush(pushService));
            Thread.sleep(1500); // five runs of each node's push worker: a second send of anything would be here
            pushed.addAll(pushService.pending().stream()
                    .map(push -> String.valueOf(push.payload().get("body")))
                    .toList());
            assertEquals(
                    expected.stream().sorted().toList(),
                    pushed.stream().sorted().toList(),
                    "one push per message to a user without a socket on any node, none to one with a socket: "
                            + pushed);
            assertEquals(expected.size(), pushService.requests(), "and no other request reached the push service");
            assertEquals(List.of(), pushService.failures());
        }
    }

    private static void subscribe(ServerProcess node, ApiClient.Account user, TestPushService service)
            throws Exception {
        var browser = service.subscribe();
        var subscribed = node.api.call(
                "POST",
                "/api/push/subscriptions",
                user.token(),
                new JSONObject()
                        .put("endpoint", browser.endpoint())
                        .put(
                                "keys",
                                new JSONObject().put("p256dh", browser.p256dh()).put("auth", browser.auth()))
                        .toString());
        assertEquals(201, subscribed.status(), subscribed.toString());
    }

    private static String nextPush(TestPushService service) throws InterruptedException {
        return service.awaitPush(Duration.ofSeconds(WAIT_SECONDS))
                .map(push -> String.valueOf(push.payload().get("body")))
                .orElseThrow(() -> new AssertionError("no push arrived; failures: " + service.failures()));
    }

    @Test
    @Order(3)
    void aKilledNodesUsersGoOfflineForTheOthersAndStopTyping() throws Exception {
        var doomed = node();
        doomed.awaitHealthy();
        var erin = doomed.api.account("killed-erin-" + System.nanoTime());
        var frank = a.api.account("killed-frank-" + System.nanoTime());
        var sent = a.api.call("POST", "/api/messages", frank.token(), message(erin.id(), null, "hi erin", "hi"));
        String conversation = sent.body().get("conversationId").asText();
        var watcher = connect(a, frank);
        var typist = connect(doomed, erin);
        join(watcher.socket, conversation);
        join(typist.socket, conversation);
        await(() -> watcher.users("user_online").contains(erin.id()));
        assertTrue(typist.ack("typing_start", new JSONObject().put("conversationId", conversation))
                .getBoolean("ok"));
        await(() -> watcher.typing(erin.id()).equals(List.of(true)));
        long killedAt = System.nanoTime();
        doomed.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        await(() -> watcher.users("user_offline").contains(erin.id()));
        await(() -> watcher.typing(erin.id()).equals(List.of(true, false)));
        System.out.printf(
                "a SIGKILLed node's user went offline after %d ms (REDIS_NODE_TTL=2s)%n",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt));
        Thread.sleep(2500);
        assertEquals(
                1,
                watcher.users("user_offline").stream().filter(erin.id()::equals).count(),
                "once");
        var online = watcher.ack("get_online_users", new JSONObject());
        assertTrue(online.getBoolean("ok")
                && !online.getJSONArray("users").toString().contains(erin.id()));
    }

    @Test
    @Order(4)
    void aRedisRestartInTheMiddleOfAStreamLosesNothingOnceClientsCatchUp() throws Exception {
        var alice = a.api.account("restart-alice-" + System.nanoTime());
        var bob = b.api.account("restart-bob-" + System.nanoTime());
        var first = a.api.call("POST", "/api/messages", alice.token(), message(bob.id(), null, "r0", "r0"));
        String conversation = first.body().get("conversationId").asText();
        var reader = connect(b, bob);
        join(reader.socket, conversation);
        sendNumbered(alice, conversation, 1, 20);
        redis.kill();
        await(() -> health(a).path("checks").path("redis").asText().equals("down"));
        assertEquals(200, a.api.call("GET", "/api/health", null, null).status(), "the node still serves");
        sendNumbered(alice, conversation, 21, 40); // each answered: a send never waits on Redis
        redis.restart();
        await(() -> health(a).path("checks").path("redis").asText().equals("up"));
        sendNumbered(alice, conversation, 41, 60);
        await(() -> reader.seqs("new_message").contains(61L));
        var live = reader.seqs("new_message");
        long caughtUpFrom = 1;
        while (live.contains(caughtUpFrom + 1)) {
            caughtUpFrom++;
        }
        var missed = b.api.call(
                        "GET",
                        "/api/conversations/" + conversation + "/messages?limit=100&after=" + caughtUpFrom,
                        bob.token(),
                        null)
                .body()
                .get("items");
        var all = new TreeSet<>(live);
        missed.forEach(m -> all.add(m.get("seq").asLong()));
        all.add(1L);
        assertEquals(LongStream.rangeClosed(1, 61).boxed().toList(), List.copyOf(all), "live plus catch-up: all 61");
        System.out.printf("Redis restart: %d of 60 live on the other node, the rest by catch-up%n", live.size());
        var metrics = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(base(a) + "/metrics")).build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        assertTrue(metrics.contains("messaging_redis_up 1.0"), "up again in /metrics");
        assertTrue(
                metrics.lines()
                        .anyMatch(line -> line.startsWith("messaging_redis_outages_total") && !line.endsWith(" 0.0")),
                "the outage is counted in /metrics: "
                        + metrics.lines().filter(line -> line.contains("redis")).toList());
    }

    /** Sends messages r{from}..r{to} through node a, each answered 201. */
    private void sendNumbered(ApiClient.Account sender, String conversation, int from, int to) throws Exception {
        for (int i = from; i <= to; i++) {
            var sent =
                    a.api.call("POST", "/api/messages", sender.token(), message(null, conversation, "r" + i, "r" + i));
            assertEquals(201, sent.status(), "r" + i + ": " + sent);
        }
    }

    private JsonNode health(ServerProcess node) {
        try {
            return node.api.call("GET", "/api/health", null, null).body();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String message(String recipientId, String conversationId, String content, String clientId)
            throws Exception {
        var body = new JSONObject().put("content", content).put("clientMessageId", clientId);
        if (recipientId != null) {
            body.put("recipientId", recipientId);
        } else {
            body.put("conversationId", conversationId);
        }
        return body.toString();
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "not within " + WAIT_SECONDS + " s");
            Thread.sleep(50);
        }
    }

    /** A connected official Java client that records the events it receives. */
    private final class Live {
        final Socket socket;
        final Map<String, List<JSONObject>> events = new ConcurrentHashMap<>();

        Live(Socket socket) {
            this.socket = socket;
        }

        List<Long> seqs(String event) {
            return events.getOrDefault(event, List.of()).stream()
                    .map(payload -> payload.optLong("seq"))
                    .toList();
        }

        List<String> users(String event) {
            return events.getOrDefault(event, List.of()).stream()
                    .map(payload -> payload.optString("userId"))
                    .toList();
        }

        /** The {@code isTyping} of each {@code user_typing} of the user, in order. */
        List<Boolean> typing(String userId) {
            return events.getOrDefault("user_typing", List.of()).stream()
                    .filter(payload -> payload.optString("userId").equals(userId))
                    .map(payload -> payload.optBoolean("isTyping"))
                    .toList();
        }

        JSONObject ack(String event, JSONObject payload) throws Exception {
            return emit(event, payload).get(WAIT_SECONDS, TimeUnit.SECONDS);
        }

        CompletableFuture<JSONObject> emit(String event, JSONObject payload) {
            var ack = new CompletableFuture<JSONObject>();
            socket.emit(event, payload, (Ack) args -> ack.complete((JSONObject) args[0]));
            return ack;
        }
    }

    private Live connect(ServerProcess node, ApiClient.Account user) throws Exception {
        var options = IO.Options.builder()
                .setAuth(Map.of("token", user.token()))
                .setReconnection(false)
                .setTransports(new String[] {"websocket"})
                .build();
        Socket socket = IO.socket(URI.create(base(node)), options);
        var live = new Live(socket);
        for (String event : List.of("new_message", "user_online", "user_offline", "user_typing")) {
            socket.on(
                    event,
                    args -> live.events
                            .computeIfAbsent(event, key -> new CopyOnWriteArrayList<>())
                            .add((JSONObject) args[0]));
        }
        var connected = new CompletableFuture<Void>();
        socket.once(Socket.EVENT_CONNECT, args -> connected.complete(null));
        socket.connect();
        connected.get(WAIT_SECONDS, TimeUnit.SECONDS);
        sockets.add(socket);
        return live;
    }

    private static void join(Socket socket, String conversation) throws Exception {
        var ack = new CompletableFuture<JSONObject>();
        socket.emit("join_conversation", new JSONObject().put("conversationId", conversation), (Ack)
                args -> ack.complete((JSONObject) args[0]));
        assertTrue(ack.get(WAIT_SECONDS, TimeUnit.SECONDS).getBoolean("ok"));
    }
}
