package io.messaging.ws;

import java.time.Duration;
import java.util.Objects;

/**
 * Connection state recovery's bounds: how long a dropped socket is kept ({@link Duration#ZERO} turns recovery
 * off), the most events one session may replay, and the most broadcasts kept in all.
 */
public record RecoveryOptions(Duration window, int sessionEvents, int totalEvents) {
    /** How long presence waits before a dropped socket's user goes offline, at most. */
    static final Duration PRESENCE_GRACE = Duration.ofSeconds(5);

    public RecoveryOptions {
        Objects.requireNonNull(window, "window");
        if (window.isNegative() || sessionEvents < 1 || totalEvents < sessionEvents) {
            throw new IllegalArgumentException("window >= 0 and 1 <= sessionEvents <= totalEvents");
        }
    }

    /** The official server's default window, two minutes; 1000 events a session, 20000 in all. */
    public static RecoveryOptions defaults() {
        return new RecoveryOptions(Duration.ofMinutes(2), 1000, 20_000);
    }

    public boolean enabled() {
        return !window.isZero();
    }

    /** The grace before {@code user_offline}: five seconds, or the window if shorter. */
    Duration presenceGrace() {
        return window.compareTo(PRESENCE_GRACE) < 0 ? window : PRESENCE_GRACE;
    }
}
