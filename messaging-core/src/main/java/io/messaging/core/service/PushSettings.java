package io.messaging.core.service;

import java.time.Duration;
import java.util.Objects;

/**
 * How Web Push behaves: subscriptions per user, a push's time to live, how many sends may be in flight at once,
 * how long a claimed push is leased to its worker (longer than a send may take), how many stored messages may wait
 * for a push decision, and the longest preview in a push's body.
 */
public record PushSettings(
        int maxSubscriptionsPerUser,
        Duration ttl,
        int maxInFlight,
        Duration lease,
        int handOverCapacity,
        int previewLength) {
    /** 20 subscriptions, a day to live, 16 sends in flight, 2-minute leases, 10,000 waiting, 120 characters. */
    public static final PushSettings DEFAULT =
            new PushSettings(20, Duration.ofDays(1), 16, Duration.ofMinutes(2), 10_000, 120);

    public PushSettings {
        Objects.requireNonNull(ttl, "ttl");
        Objects.requireNonNull(lease, "lease");
        if (maxSubscriptionsPerUser < 1 || maxInFlight < 1 || handOverCapacity < 1 || previewLength < 10) {
            throw new IllegalArgumentException("push limits must be positive (previews at least 10 characters)");
        }
        if (ttl.toSeconds() < 1 || lease.toSeconds() < 1) {
            throw new IllegalArgumentException("ttl and lease must be at least a second");
        }
    }
}
