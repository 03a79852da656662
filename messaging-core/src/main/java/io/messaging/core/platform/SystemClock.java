package io.messaging.core.platform;

import io.messaging.core.port.out.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The machine's clock, in milliseconds. */
public final class SystemClock implements Clock {
    @Override
    public Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
