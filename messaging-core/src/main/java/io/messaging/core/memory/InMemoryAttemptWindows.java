package io.messaging.core.memory;

import io.messaging.core.port.out.AttemptWindows;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/** Attempt windows of one node, in memory; ended windows are forgotten once there are many keys. */
public final class InMemoryAttemptWindows implements AttemptWindows {
    private static final int FORGET_ABOVE = 100_000;

    private record Window(long startMillis, long windowMillis, long used) {
        boolean endedAt(long now) {
            return now - startMillis >= windowMillis;
        }
    }

    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private final LongSupplier millis;

    public InMemoryAttemptWindows() {
        this(System::currentTimeMillis);
    }

    /** With its own clock, in milliseconds (for tests). */
    public InMemoryAttemptWindows(LongSupplier millis) {
        this.millis = millis;
    }

    @Override
    public Count count(String key, Duration window) {
        long now = millis.getAsLong();
        if (windows.size() > FORGET_ABOVE) {
            windows.values().removeIf(ended -> ended.endedAt(now));
        }
        Window counted = windows.compute(
                key,
                (k, current) -> current == null || current.endedAt(now)
                        ? new Window(now, window.toMillis(), 1)
                        : new Window(current.startMillis(), current.windowMillis(), current.used() + 1));
        return new Count(counted.used(), Duration.ofMillis(counted.windowMillis() - (now - counted.startMillis())));
    }
}
