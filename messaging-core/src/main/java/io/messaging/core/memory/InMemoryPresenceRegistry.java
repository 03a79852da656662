package io.messaging.core.memory;

import io.messaging.core.model.UserId;
import io.messaging.core.port.out.PresenceRegistry;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Live sessions per user for a single node. */
public final class InMemoryPresenceRegistry implements PresenceRegistry {
    private final Map<UserId, Set<String>> sessions = new HashMap<>();

    @Override
    public synchronized boolean connect(UserId userId, String sessionId) {
        var live = sessions.computeIfAbsent(userId, id -> new HashSet<>());
        return live.add(sessionId) && live.size() == 1;
    }

    @Override
    public synchronized boolean disconnect(UserId userId, String sessionId) {
        var live = sessions.get(userId);
        if (live == null || !live.remove(sessionId)) {
            return false;
        }
        if (live.isEmpty()) {
            sessions.remove(userId);
            return true;
        }
        return false;
    }

    @Override
    public synchronized Set<UserId> onlineAmong(Collection<UserId> userIds) {
        return userIds.stream().filter(sessions::containsKey).collect(Collectors.toUnmodifiableSet());
    }
}
