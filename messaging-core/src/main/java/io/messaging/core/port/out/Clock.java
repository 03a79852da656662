package io.messaging.core.port.out;

import java.time.Instant;

/** The current time, as a port so that tests can move it by hand. Thread-safe. */
public interface Clock {

    /** The current instant, truncated to milliseconds (the precision of the wire format). */
    Instant now();
}
