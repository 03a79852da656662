package io.messaging.core.service;

import io.messaging.core.port.in.LimitAttempts;
import io.messaging.core.port.out.AttemptWindows;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** Allows an attempt while its key's window holds no more than the permits. */
public final class AttemptLimiting implements LimitAttempts {
    private final AttemptWindows windows;

    public AttemptLimiting(AttemptWindows windows) {
        this.windows = Objects.requireNonNull(windows, "windows");
    }

    @Override
    public Optional<Duration> attempt(String key, int permits, Duration window) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(window, "window");
        var count = windows.count(key, window);
        return count.attempts() <= permits ? Optional.empty() : Optional.of(count.resetsIn());
    }
}
