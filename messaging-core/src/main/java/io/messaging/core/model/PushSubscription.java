package io.messaging.core.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A browser's Web Push subscription held for a user: the push service's endpoint URL and the keys the browser gave
 * for encrypting payloads to it ({@code p256dh}: its P-256 public key, {@code auth}: its 16-byte secret, both
 * base64url). The keys are secrets of the subscription: never log them, nor the endpoint, whose path is a capability.
 */
public record PushSubscription(
        PushSubscriptionId id, UserId userId, String endpoint, String p256dh, String auth, Instant createdAt) {
    public PushSubscription {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(p256dh, "p256dh");
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** This subscription with the keys of another (a browser may renew its keys for the same endpoint). */
    public PushSubscription withKeysOf(PushSubscription other) {
        return new PushSubscription(id, userId, endpoint, other.p256dh(), other.auth(), createdAt);
    }

    @Override
    public String toString() {
        return "PushSubscription[" + id + " of " + userId + "]";
    }
}
