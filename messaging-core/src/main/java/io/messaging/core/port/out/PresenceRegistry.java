package io.messaging.core.port.out;

import io.messaging.core.model.UserId;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Counts live sessions per user, across every node that shares the registry. Thread-safe; each method is atomic,
 * so of two racing calls exactly one sees an edge.
 */
public interface PresenceRegistry {

    /** Adds a live session; true when it is the user's first (the user just came online). Idempotent per session. */
    boolean connect(UserId userId, String sessionId);

    /** Removes a live session; true when it was the user's last (the user just went offline). Idempotent. */
    boolean disconnect(UserId userId, String sessionId);

    /** Those of {@code userIds} with at least one live session. */
    Set<UserId> onlineAmong(Collection<UserId> userIds);

    /**
     * What a {@link #sweep} changed: the users whose last sessions were on nodes that stopped (went offline), and
     * the users of this node registered again after the others had taken this node for stopped (came online).
     */
    record Sweep(List<UserId> wentOffline, List<UserId> cameOnline) {
        /** A sweep that changed nothing. */
        public static final Sweep NONE = new Sweep(List.of(), List.of());

        public Sweep {
            wentOffline = List.copyOf(wentOffline);
            cameOnline = List.copyOf(cameOnline);
        }
    }

    /**
     * For a registry shared by several nodes: ends the sessions of nodes that stopped renewing their heartbeat, and
     * registers this node's sessions again if it had been taken for stopped. Each change is reported by exactly one
     * sweep, on whichever node runs it first. A registry of one node has nothing to sweep.
     */
    default Sweep sweep() {
        return Sweep.NONE;
    }
}
