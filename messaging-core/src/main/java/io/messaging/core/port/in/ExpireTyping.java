package io.messaging.core.port.in;

/** Ends typing indicators that were not stopped in time; the host calls it every fraction of a second. */
public interface ExpireTyping {

    /** Stops (and publishes) every typing whose expiry is at or before the clock's now; returns how many. */
    int expireDue();

    /** How many typing indicators are on now (for metrics); never negative. */
    int active();
}
