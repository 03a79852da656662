package io.messaging.core.port.in;

/**
 * Turns the messages stored since the last call into queued pushes: for each, the participants but the sender who
 * have no live socket on any node get one push per subscription. Called over and over by one worker thread (the
 * message path only hands the events over), and once more at shutdown.
 */
public interface DecidePushes {

    /** Decides and durably queues the pushes of every message handed over so far; returns how many were queued. */
    int decidePending();
}
