package io.messaging.core.port.out;

import java.time.Duration;
import java.util.Objects;

/**
 * Counts attempts per key in fixed windows: a key's window starts with its first attempt and lasts the window it
 * was counted with. On one node in memory; a shared adapter counts every node's attempts together, so that a
 * client cannot multiply its allowance by spreading its attempts over nodes.
 *
 * <p>Contract: thread-safe; each {@link #count} is atomic (of racing calls each sees a different count); keys and
 * windows are never null, windows are positive. An adapter that cannot reach its shared store counts on this node
 * alone rather than fail or wait.
 */
public interface AttemptWindows {

    /** The attempts counted in a key's current window, this one included, and how long until it ends. */
    record Count(long attempts, Duration resetsIn) {
        public Count {
            Objects.requireNonNull(resetsIn, "resetsIn");
        }
    }

    /** Counts one attempt for {@code key} in its current window. */
    Count count(String key, Duration window);
}
