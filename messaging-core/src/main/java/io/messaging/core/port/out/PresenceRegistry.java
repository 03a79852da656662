package io.messaging.core.port.out;

import io.messaging.core.model.UserId;
import java.util.Collection;
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
}
