package io.messaging.core.model;

import java.time.Instant;
import java.util.Objects;

/**
 * One push waiting in the durable push queue: a notification for one subscription, due at {@code notBefore}, of
 * no use after {@code expiresAt} (its time to live), tried {@code attempts} times so far. {@code topic} lets the push
 * service replace an undelivered push of the same conversation (RFC 8030, section 5.4).
 */
public record PushJob(
        String id,
        PushSubscriptionId subscriptionId,
        PushNotification notification,
        PushUrgency urgency,
        String topic,
        Instant notBefore,
        Instant expiresAt,
        int attempts) {
    public PushJob {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(subscriptionId, "subscriptionId");
        Objects.requireNonNull(notification, "notification");
        Objects.requireNonNull(urgency, "urgency");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(notBefore, "notBefore");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (attempts < 0) {
            throw new IllegalArgumentException("attempts cannot be negative");
        }
    }

    /** This job, due again at {@code at} after one more attempt. */
    public PushJob retriedAt(Instant at) {
        return new PushJob(id, subscriptionId, notification, urgency, topic, at, expiresAt, attempts + 1);
    }
}
