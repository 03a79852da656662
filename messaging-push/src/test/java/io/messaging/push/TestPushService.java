package io.messaging.push;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.jose4j.json.JsonUtil;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.lang.JoseException;

/**
 * A push service and the browsers behind it, on loopback: hands out subscriptions (an endpoint and the browser's
 * {@code p256dh} and {@code auth}), and for every push verifies the VAPID JWT (ES256 with the advertised key, the
 * endpoint's origin as audience, an expiry within 24 hours), decrypts the body with the browser's private key and
 * auth secret, and keeps the payload. It answers with scripted statuses (201 when none is scripted).
 */
public final class TestPushService implements AutoCloseable {
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    /** What a browser gives the server: {@code PushSubscription.toJSON()}'s fields. */
    public record Subscription(String endpoint, String p256dh, String auth) {}

    /** A push that passed every check: its decrypted payload and its headers. */
    public record Push(String endpoint, Map<String, Object> payload, long ttl, String urgency, String topic) {}

    private record Browser(KeyPair keys, byte[] auth) {}

    private record Answer(int status, Optional<String> retryAfter) {}

    private final HttpServer server;
    private final Map<String, Browser> browsers = new ConcurrentHashMap<>();
    private final Deque<Answer> script = new ArrayDeque<>();
    private final LinkedBlockingQueue<Push> delivered = new LinkedBlockingQueue<>();
    private final List<String> failures = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicReference<String> advertisedKey = new AtomicReference<>();
    private final AtomicInteger ids = new AtomicInteger();

    private TestPushService(HttpServer server) {
        this.server = server;
    }

    /** Starts on an ephemeral loopback port. */
    public static TestPushService start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        var service = new TestPushService(server);
        server.createContext("/push/", service::handle);
        server.start();
        return service;
    }

    /** The VAPID public key pushes must be signed with (the one the server advertises). */
    public void expectVapidKey(String applicationServerKey) {
        advertisedKey.set(applicationServerKey);
    }

    /** A new browser subscription at this service. */
    public Subscription subscribe() {
        KeyPair keys = EcKeys.generate();
        byte[] auth = new byte[16];
        new SecureRandom().nextBytes(auth);
        String endpoint = "http://127.0.0.1:" + server.getAddress().getPort() + "/push/sub-" + ids.incrementAndGet();
        browsers.put(URI.create(endpoint).getPath(), new Browser(keys, auth));
        return new Subscription(
                endpoint, B64.encodeToString(EcKeys.point((ECPublicKey) keys.getPublic())), B64.encodeToString(auth));
    }

    /** The next push is answered with this status (and {@code Retry-After}, if given) instead of 201. */
    public synchronized void answerNext(int status, Optional<String> retryAfter) {
        script.add(new Answer(status, retryAfter));
    }

    /** Waits for the next verified push. */
    public Optional<Push> awaitPush(Duration timeout) throws InterruptedException {
        return Optional.ofNullable(delivered.poll(timeout.toMillis(), TimeUnit.MILLISECONDS));
    }

    /** Verified pushes answered 201 and not yet taken by {@link #awaitPush}. */
    public List<Push> pending() {
        return List.copyOf(delivered);
    }

    /** How many requests arrived at all, whatever their answer. */
    public int requests() {
        return requests.get();
    }

    /** What failed verification (empty when every push was sound). */
    public List<String> failures() {
        return List.copyOf(failures);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Optional<String> problem = Optional.empty();
            Push push = null;
            try {
                push = verify(exchange, body);
            } catch (IllegalStateException | GeneralSecurityException | JoseException | InvalidJwtException e) {
                problem = Optional.of(e.toString());
            }
            if (problem.isPresent()) {
                failures.add(problem.get());
                exchange.sendResponseHeaders(400, -1);
                return;
            }
            Answer answer;
            synchronized (this) {
                answer = script.isEmpty() ? new Answer(201, Optional.empty()) : script.poll();
            }
            if (answer.status() == 201) {
                delivered.add(push);
            }
            answer.retryAfter().ifPresent(value -> exchange.getResponseHeaders().add("Retry-After", value));
            exchange.sendResponseHeaders(answer.status(), -1);
        }
    }

    private Push verify(HttpExchange exchange, byte[] body)
            throws GeneralSecurityException, JoseException, InvalidJwtException {
        var headers = exchange.getRequestHeaders();
        require("POST".equals(exchange.getRequestMethod()), "method is " + exchange.getRequestMethod());
        require("aes128gcm".equals(headers.getFirst("Content-Encoding")), "Content-Encoding is not aes128gcm");
        String authorization = String.valueOf(headers.getFirst("Authorization"));
        var vapid = Pattern.compile("vapid t=([^,\\s]+),\\s*k=([A-Za-z0-9_-]+)").matcher(authorization);
        require(vapid.matches(), "Authorization is not a VAPID header");
        String key = vapid.group(2);
        require(key.equals(advertisedKey.get()), "k= is not the advertised VAPID key");
        String origin = "http://127.0.0.1:" + server.getAddress().getPort();
        JwtClaims claims = new JwtConsumerBuilder()
                .setVerificationKey(EcKeys.publicKey(Base64.getUrlDecoder().decode(key)))
                .setJwsAlgorithmConstraints(
                        AlgorithmConstraints.ConstraintType.PERMIT,
                        AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256)
                .setExpectedAudience(origin)
                .setRequireExpirationTime()
                .setMaxFutureValidityInMinutes(24 * 60)
                .build()
                .processToClaims(vapid.group(1));
        String subject = String.valueOf(claims.getClaimValue("sub"));
        require(subject.startsWith("mailto:") || subject.startsWith("https:"), "sub is " + subject);
        String topic = String.valueOf(headers.getFirst("Topic"));
        require(topic.matches("[A-Za-z0-9_-]{1,32}"), "Topic is not 1 to 32 base64url characters");
        String urgency = String.valueOf(headers.getFirst("Urgency"));
        require(urgency.matches("very-low|low|normal|high"), "Urgency is " + urgency);
        String ttl = String.valueOf(headers.getFirst("TTL"));
        require(ttl.matches("\\d+"), "TTL is " + ttl);
        Browser browser = browsers.get(exchange.getRequestURI().getPath());
        require(browser != null, "no such subscription");
        String payload = new String(decrypt(body, browser), StandardCharsets.UTF_8);
        return new Push(
                origin + exchange.getRequestURI().getPath(),
                JsonUtil.parseJson(payload),
                Long.parseLong(ttl),
                urgency,
                topic);
    }

    /** What the browser does: RFC 8291 decryption with its private key and auth secret. */
    private static byte[] decrypt(byte[] body, Browser browser) throws GeneralSecurityException {
        var buffer = ByteBuffer.wrap(body);
        byte[] salt = new byte[16];
        buffer.get(salt);
        int recordSize = buffer.getInt();
        byte[] asPublic = new byte[buffer.get() & 0xff];
        buffer.get(asPublic);
        byte[] record = new byte[buffer.remaining()];
        buffer.get(record);
        require(record.length <= recordSize, "record larger than its size");
        byte[] uaPublic = EcKeys.point((ECPublicKey) browser.keys().getPublic());
        var keys = ContentKeys.derive(
                (ECPrivateKey) browser.keys().getPrivate(),
                EcKeys.publicKey(asPublic),
                uaPublic,
                asPublic,
                browser.auth(),
                salt);
        var cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(keys.key(), "AES"), new GCMParameterSpec(128, keys.nonce()));
        byte[] padded = cipher.doFinal(record);
        int end = padded.length - 1;
        while (end >= 0 && padded[end] == 0) {
            end--;
        }
        require(end >= 0 && padded[end] == 2, "the last record's delimiter is missing");
        return Arrays.copyOf(padded, end);
    }

    private static void require(boolean condition, String failure) {
        if (!condition) {
            throw new IllegalStateException(failure);
        }
    }
}
