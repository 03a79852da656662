package io.messaging.core.port.in;

/**
 * Sends the queued pushes that are due, a bounded number at a time, and settles each outcome: delivered or given up
 * leaves the queue, a gone subscription is deleted, a passing failure is retried with backoff within its time to
 * live. Called over and over by one worker thread; it never waits for the network.
 */
public interface DispatchPushes {

    /** Starts sending what is due and has room in the bound; returns how many sends it started. */
    int dispatchDue();
}
