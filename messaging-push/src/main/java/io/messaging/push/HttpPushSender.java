package io.messaging.push;

import io.messaging.core.model.PushNotification;
import io.messaging.core.port.out.PushSender;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;
import org.jose4j.json.JsonUtil;

/**
 * Delivers pushes over HTTP (RFC 8030): checks the endpoint, encrypts the payload, signs with VAPID and POSTs with
 * {@code TTL}, {@code Urgency} and {@code Topic}, at most a bounded number at a time. Logs only the push service's
 * origin, never an endpoint's path or a subscription's keys.
 */
final class HttpPushSender implements PushSender {
    private static final System.Logger LOG = System.getLogger(HttpPushSender.class.getName());
    private static final Duration BUSY_RETRY = Duration.ofSeconds(1);

    private final VapidKeys keys;
    private final VapidSigner signer;
    private final EndpointGuard guard;
    private final PayloadEncryption encryption = new PayloadEncryption();
    private final Supplier<HttpClient> client;
    private final Executor executor;
    private final Semaphore permits;
    private final Duration requestTimeout;
    private final Clock clock;

    HttpPushSender(
            VapidKeys keys,
            VapidSigner signer,
            EndpointGuard guard,
            Supplier<HttpClient> client,
            Executor executor,
            int maxConcurrent,
            Duration requestTimeout,
            Clock clock) {
        this.keys = keys;
        this.signer = signer;
        this.guard = guard;
        this.client = client;
        this.executor = executor;
        this.permits = new Semaphore(maxConcurrent);
        this.requestTimeout = requestTimeout;
        this.clock = clock;
    }

    @Override
    public String applicationServerKey() {
        return keys.publicKeyBase64Url();
    }

    @Override
    public Optional<String> refusal(String endpoint) {
        return guard.refusal(endpoint);
    }

    @Override
    public CompletionStage<Delivery> send(Request request) {
        if (!permits.tryAcquire()) {
            return CompletableFuture.completedFuture(
                    new Delivery.RetryLater(Optional.of(BUSY_RETRY), "too many pushes in flight"));
        }
        CompletableFuture<Delivery> delivery;
        try {
            delivery = CompletableFuture.supplyAsync(() -> prepare(request), executor)
                    .thenCompose(prepared -> prepared.request().isEmpty()
                            ? CompletableFuture.completedFuture(
                                    prepared.refused().orElseThrow())
                            : client.get()
                                    .sendAsync(prepared.request().get(), HttpResponse.BodyHandlers.discarding())
                                    .thenApply(this::outcome))
                    .exceptionally(failure -> new Delivery.RetryLater(Optional.empty(), describe(failure)));
        } catch (RuntimeException e) {
            permits.release();
            return CompletableFuture.completedFuture(new Delivery.RetryLater(Optional.empty(), e.toString()));
        }
        return delivery.whenComplete((outcome, failure) -> {
            permits.release();
            log(request, outcome);
        });
    }

    /** A request ready to send, or why none is sent. */
    private record Prepared(Optional<HttpRequest> request, Optional<Delivery> refused) {}

    private Prepared prepare(Request request) {
        String endpoint = request.subscription().endpoint();
        Optional<String> refusal = guard.refusal(endpoint);
        if (refusal.isPresent()) {
            return new Prepared(
                    Optional.empty(), Optional.of(new Delivery.Rejected("endpoint refused: " + refusal.get())));
        }
        byte[] body;
        try {
            body = encryption.encrypt(
                    payload(request.notification()),
                    Base64.getUrlDecoder().decode(request.subscription().p256dh()),
                    Base64.getUrlDecoder().decode(request.subscription().auth()));
        } catch (IllegalArgumentException e) {
            return new Prepared(
                    Optional.empty(), Optional.of(new Delivery.Rejected("cannot encrypt: " + e.getMessage())));
        }
        URI uri = URI.create(endpoint);
        var http = HttpRequest.newBuilder(uri)
                .version(HttpClient.Version.HTTP_1_1)
                .timeout(requestTimeout)
                .header("TTL", Long.toString(Math.max(0, request.ttl().toSeconds())))
                .header("Urgency", request.urgency().headerValue())
                .header("Topic", request.topic())
                .header("Content-Encoding", "aes128gcm")
                .header("Content-Type", "application/octet-stream")
                .header("Authorization", signer.authorization(uri))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        return new Prepared(Optional.of(http), Optional.empty());
    }

    /** The wire contract's payload, as JSON in UTF-8. */
    static byte[] payload(PushNotification notification) {
        var fields = new LinkedHashMap<String, Object>();
        fields.put("type", notification.type());
        fields.put("conversationId", notification.conversationId().value());
        fields.put("messageId", notification.messageId().value());
        fields.put("seq", notification.seq());
        fields.put("senderId", notification.senderId().value());
        fields.put("senderName", notification.senderName());
        fields.put("title", notification.title());
        fields.put("body", notification.body());
        return JsonUtil.toJson(fields).getBytes(StandardCharsets.UTF_8);
    }

    private Delivery outcome(HttpResponse<Void> response) {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return new Delivery.Delivered();
        }
        if (status == 404 || status == 410) {
            return new Delivery.Gone();
        }
        if (status == 429 || status >= 500) {
            return new Delivery.RetryLater(
                    response.headers().firstValue("Retry-After").flatMap(this::retryAfter),
                    "push service answered " + status);
        }
        return new Delivery.Rejected("push service answered " + status);
    }

    /** {@code Retry-After} as seconds or as an HTTP date (RFC 9110, section 10.2.3). */
    Optional<Duration> retryAfter(String value) {
        String trimmed = value.trim();
        if (trimmed.matches("\\d{1,9}")) {
            return Optional.of(Duration.ofSeconds(Long.parseLong(trimmed)));
        }
        try {
            var at = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME)
                    .toInstant();
            Duration wait = Duration.between(clock.instant(), at);
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static String describe(Throwable failure) {
        Throwable cause =
                failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }

    private static void log(Request request, Delivery outcome) {
        if (outcome == null || !LOG.isLoggable(System.Logger.Level.DEBUG)) {
            return;
        }
        String origin = VapidSigner.origin(URI.create(request.subscription().endpoint()));
        LOG.log(
                System.Logger.Level.DEBUG,
                "push to " + origin + " for subscription "
                        + request.subscription().id() + ": "
                        + outcome.getClass().getSimpleName());
    }
}
