package io.messaging.rest;

import io.messaging.core.port.in.LimitAttempts;
import java.time.Duration;
import java.util.Optional;

/**
 * One of the REST rate limits: its name, permits and window over the core's attempt counts, which several nodes
 * share, so that spreading attempts over nodes gains nothing.
 */
final class RateLimiter {
    private final LimitAttempts attempts;
    private final String name;
    private final int permits;
    private final Duration window;

    RateLimiter(LimitAttempts attempts, String name, int permits, Duration window) {
        this.attempts = attempts;
        this.name = name;
        this.permits = permits;
        this.window = window;
    }

    /** Takes one attempt for the key; empty if allowed, else the time until the window resets. */
    Optional<Duration> acquire(String key) {
        return attempts.attempt("rest:" + name + ":" + key, permits, window);
    }
}
