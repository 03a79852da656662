package io.messaging.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.messaging.core.model.ConversationId;
import io.messaging.core.model.MessageId;
import io.messaging.core.model.PushNotification;
import io.messaging.core.model.PushSubscription;
import io.messaging.core.model.PushSubscriptionId;
import io.messaging.core.model.PushUrgency;
import io.messaging.core.model.UserId;
import io.messaging.core.port.out.PushSender;
import io.messaging.core.port.out.PushSender.Delivery;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The sender against a push service on loopback that verifies VAPID and decrypts like a browser. */
class WebPushSenderTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private final VapidKeys keys = VapidKeys.generate();
    private final TestPushService service = start();
    private final WebPushSender insecure =
            WebPushSender.create(keys, "mailto:ops@example.com", WebPushSender.Options.DEFAULT.withAllowInsecure(true));
    private final WebPushSender secure =
            WebPushSender.create(keys, "https://chat.example.com/contact", WebPushSender.Options.DEFAULT);

    private static TestPushService start() {
        try {
            return TestPushService.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterEach
    void stop() {
        insecure.close();
        secure.close();
        service.close();
    }

    private PushSender.Request request(TestPushService.Subscription browser, String body) {
        var subscription = new PushSubscription(
                PushSubscriptionId.of("sub-1"),
                UserId.of("bob"),
                browser.endpoint(),
                browser.p256dh(),
                browser.auth(),
                Instant.parse("2026-11-24T09:00:00Z"));
        var notification = new PushNotification(
                ConversationId.of("conv-1"),
                MessageId.of("msg-1"),
                42,
                UserId.of("alice"),
                "Alice \u00e9",
                "Alice \u00e9",
                body);
        return new PushSender.Request(subscription, notification, PushUrgency.HIGH, "dG9waWM", Duration.ofHours(3));
    }

    private Delivery send(WebPushSender sender, PushSender.Request request) throws Exception {
        return sender.sender().send(request).toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    @Test
    void aPushIsSignedEncryptedAndCarriesItsHeaders() throws Exception {
        service.expectVapidKey(keys.publicKeyBase64Url());
        var browser = service.subscribe();

        assertInstanceOf(Delivery.Delivered.class, send(insecure, request(browser, "caf\u00e9 \uD83D\uDE00?")));

        var push = service.awaitPush(WAIT).orElseThrow();
        assertEquals(List.of(), service.failures());
        assertEquals(
                Map.of(
                        "type",
                        "new_message",
                        "conversationId",
                        "conv-1",
                        "messageId",
                        "msg-1",
                        "seq",
                        42L,
                        "senderId",
                        "alice",
                        "senderName",
                        "Alice \u00e9",
                        "title",
                        "Alice \u00e9",
                        "body",
                        "caf\u00e9 \uD83D\uDE00?"),
                push.payload());
        assertEquals(3 * 3600, push.ttl());
        assertEquals("high", push.urgency());
        assertEquals("dG9waWM", push.topic());
        assertEquals(browser.endpoint(), push.endpoint());
    }

    @Test
    void aPushSignedWithAnotherKeyFailsTheServicesCheck() throws Exception {
        service.expectVapidKey(VapidKeys.generate().publicKeyBase64Url());

        var outcome = send(insecure, request(service.subscribe(), "hi"));

        assertInstanceOf(Delivery.Rejected.class, outcome);
        assertEquals(1, service.failures().size());
    }

    @Test
    void goneRetryAndRejectedAnswersAreTold() throws Exception {
        service.expectVapidKey(keys.publicKeyBase64Url());
        var browser = service.subscribe();
        service.answerNext(410, Optional.empty());
        service.answerNext(404, Optional.empty());
        service.answerNext(503, Optional.of("7"));
        service.answerNext(429, Optional.empty());
        service.answerNext(413, Optional.empty());

        assertInstanceOf(Delivery.Gone.class, send(insecure, request(browser, "1")));
        assertInstanceOf(Delivery.Gone.class, send(insecure, request(browser, "2")));
        var unavailable = assertInstanceOf(Delivery.RetryLater.class, send(insecure, request(browser, "3")));
        assertEquals(Optional.of(Duration.ofSeconds(7)), unavailable.retryAfter());
        var tooMany = assertInstanceOf(Delivery.RetryLater.class, send(insecure, request(browser, "4")));
        assertEquals(Optional.empty(), tooMany.retryAfter());
        assertInstanceOf(Delivery.Rejected.class, send(insecure, request(browser, "5")));
    }

    @Test
    void aLoopbackOrPlainHttpEndpointIsNeverReachedWithoutInsecureEndpointsAllowed() throws Exception {
        service.expectVapidKey(keys.publicKeyBase64Url());
        var browser = service.subscribe();

        var outcome = assertInstanceOf(Delivery.Rejected.class, send(secure, request(browser, "hi")));

        assertTrue(outcome.reason().startsWith("endpoint refused"), outcome.reason());
        assertTrue(secure.sender().refusal(browser.endpoint()).isPresent());
        assertTrue(secure.sender()
                .refusal(browser.endpoint().replace("http:", "https:"))
                .isPresent());
        assertEquals(0, service.requests());
    }

    @Test
    void aServiceThatIsNotThereIsRetriedLater() throws Exception {
        service.expectVapidKey(keys.publicKeyBase64Url());
        var browser = service.subscribe();
        service.close();

        assertInstanceOf(Delivery.RetryLater.class, send(insecure, request(browser, "hi")));
    }

    @Test
    void retryAfterIsReadAsSecondsOrAsADate() {
        var clock = Clock.fixed(Instant.parse("2026-11-24T09:00:00Z"), ZoneOffset.UTC);
        var sender = new HttpPushSender(
                keys,
                new VapidSigner(keys, "mailto:a@b.c", clock),
                new EndpointGuard(false, host -> new InetAddress[0]),
                () -> null,
                Runnable::run,
                1,
                Duration.ofSeconds(1),
                clock);

        assertEquals(Optional.of(Duration.ofSeconds(120)), sender.retryAfter("120"));
        assertEquals(Optional.of(Duration.ofSeconds(90)), sender.retryAfter("Tue, 24 Nov 2026 09:01:30 GMT"));
        assertEquals(Optional.empty(), sender.retryAfter("soon"));
    }

    @Test
    void keysAreCheckedWhenRead() {
        var other = VapidKeys.generate();
        var mismatch = assertThrows(
                VapidKeys.InvalidKeyException.class,
                () -> VapidKeys.parse(keys.publicKeyBase64Url(), other.privateKeyBase64Url()));
        assertTrue(mismatch.privateKeyAtFault());
        var badPublic = assertThrows(
                VapidKeys.InvalidKeyException.class, () -> VapidKeys.parse("not-a-key", keys.privateKeyBase64Url()));
        assertTrue(!badPublic.privateKeyAtFault());
        assertEquals(
                keys.publicKeyBase64Url(),
                VapidKeys.parse(keys.publicKeyBase64Url(), keys.privateKeyBase64Url())
                        .publicKeyBase64Url());
        assertThrows(
                IllegalArgumentException.class,
                () -> WebPushSender.create(keys, "ops@example.com", WebPushSender.Options.DEFAULT));
    }
}
