package io.messaging.core.port.out;

import io.messaging.core.model.PushNotification;
import io.messaging.core.model.PushSubscription;
import io.messaging.core.model.PushUrgency;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Delivers encrypted, signed pushes to browsers' push services (Web Push: RFC 8030 delivery, RFC 8291 payload
 * encryption, RFC 8292 VAPID), and decides which endpoints it is willing to reach. Thread-safe. It never logs a
 * subscription's keys or endpoint path.
 */
public interface PushSender {

    /** One push: the notification for a subscription, its urgency, topic and remaining time to live. */
    record Request(
            PushSubscription subscription,
            PushNotification notification,
            PushUrgency urgency,
            String topic,
            Duration ttl) {
        public Request {
            Objects.requireNonNull(subscription, "subscription");
            Objects.requireNonNull(notification, "notification");
            Objects.requireNonNull(urgency, "urgency");
            Objects.requireNonNull(topic, "topic");
            Objects.requireNonNull(ttl, "ttl");
        }
    }

    /** What became of one push. */
    sealed interface Delivery {
        /** The push service accepted it. */
        record Delivered() implements Delivery {}

        /** The subscription no longer exists at the push service (404 or 410): delete it. */
        record Gone() implements Delivery {}

        /**
         * A passing failure (429, 5xx, a network error or time-out): try again later, after {@code retryAfter} when
         * the push service said so.
         */
        record RetryLater(Optional<Duration> retryAfter, String reason) implements Delivery {
            public RetryLater {
                Objects.requireNonNull(retryAfter, "retryAfter");
                Objects.requireNonNull(reason, "reason");
            }
        }

        /** A failure that a retry would not fix (a refused endpoint, another 4xx): give this push up. */
        record Rejected(String reason) implements Delivery {
            public Rejected {
                Objects.requireNonNull(reason, "reason");
            }
        }
    }

    /** The VAPID public key, base64url of the uncompressed P-256 point: a browser's {@code applicationServerKey}. */
    String applicationServerKey();

    /**
     * Why this endpoint would not be reached, or empty if it would: the same check each delivery makes (scheme, and
     * the addresses the host resolves to), for refusing a subscription up front. May resolve the host name.
     */
    Optional<String> refusal(String endpoint);

    /**
     * Sends one push, without blocking the caller for the network. The stage always completes normally with a
     * {@link Delivery}; failures of any kind are one of its cases. Concurrency is bounded by the sender.
     */
    CompletionStage<Delivery> send(Request request);
}
