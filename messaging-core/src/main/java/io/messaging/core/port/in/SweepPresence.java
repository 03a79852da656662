package io.messaging.core.port.in;

/**
 * Keeps presence true across nodes: the users of a node that stopped go offline, and this node's users come back
 * online if the other nodes had taken it for stopped. Run it every few seconds on every node; on one node it does
 * nothing.
 */
public interface SweepPresence {

    /** Publishes each presence change the sweep found, once across nodes; returns how many there were. */
    int sweep();
}
