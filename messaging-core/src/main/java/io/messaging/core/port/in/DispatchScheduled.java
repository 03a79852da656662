package io.messaging.core.port.in;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * Sends the scheduled messages that are due, each exactly once: it claims them in the store first (so another
 * dispatcher, on this node or another, does not take them), then sends each as its sender through
 * {@link SendMessage} with a {@code clientMessageId} derived from the scheduled message, so that a send repeated
 * after a crash, or by a dispatcher that took over an expired claim, returns the message already stored.
 */
public interface DispatchScheduled {

    /**
     * Claims and sends everything due now, running the sends on {@code executor}, and returns once each is sent,
     * failed (with a {@code failure} code: {@code not_participant} when the sender is no longer in the conversation,
     * {@code recipient_unavailable} when the recipient's account is gone or inactive, otherwise the send's error
     * code) or left to a later attempt when the store could not be reached. Returns how many were sent or failed.
     * Thread-safe: several dispatchers may run at once.
     */
    int dispatchDue(Executor executor);

    /** When the next scheduled message becomes due, if any. */
    Optional<Instant> nextDueAt();
}
