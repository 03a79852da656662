package io.messaging.core.port.in;

import io.messaging.core.model.UserId;

/** Tracks live real-time sessions, so presence changes exactly on a user's first and last session. */
public interface Connect {

    /** A session of the user became live; publishes {@code online} if it is their first. Idempotent. */
    void connected(UserId userId, String sessionId);

    /**
     * A session ended (however it ended); when it was the user's last, records {@code lastSeenAt}, ends their
     * typing and publishes {@code offline}. Idempotent.
     */
    void disconnected(UserId userId, String sessionId);
}
