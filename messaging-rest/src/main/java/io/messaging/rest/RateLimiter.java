package io.messaging.rest;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Counts attempts per key in fixed windows; says how long to wait once a key has used its allowance. */
final class RateLimiter {
    private record Window(long startMillis, int used) {}

    private final int permits;
    private final long windowMillis;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    RateLimiter(int permits, Duration window) {
        this.permits = permits;
        this.windowMillis = window.toMillis();
    }

    /** Takes one attempt for the key; empty if allowed, else the time until the window resets. */
    Optional<Duration> acquire(String key) {
        long now = System.currentTimeMillis();
        if (windows.size() > 100_000) {
            windows.values().removeIf(window -> now - window.startMillis() >= windowMillis);
        }
        Window window = windows.compute(
                key,
                (k, current) -> current == null || now - current.startMillis() >= windowMillis
                        ? new Window(now, 1)
                        : new Window(current.startMillis(), current.used() + 1));
        if (window.used() <= permits) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofMillis(windowMillis - (now - window.startMillis())));
    }
}
