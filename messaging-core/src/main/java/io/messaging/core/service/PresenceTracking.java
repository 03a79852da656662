package io.messaging.core.service;

import io.messaging.core.model.DomainEvent;
import io.messaging.core.model.Outcome;
import io.messaging.core.model.UserId;
import io.messaging.core.port.in.Connect;
import io.messaging.core.port.in.ListOnlineContacts;
import io.messaging.core.port.in.SweepPresence;
import io.messaging.core.port.out.Clock;
import io.messaging.core.port.out.Conversations;
import io.messaging.core.port.out.EventBus;
import io.messaging.core.port.out.PresenceRegistry;
import io.messaging.core.port.out.Users;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/** Turns live sessions into presence: online on the first, offline (with last seen) after the last. */
public final class PresenceTracking implements Connect, ListOnlineContacts, SweepPresence {
    private final PresenceRegistry registry;
    private final Users users;
    private final Conversations conversations;
    private final TypingTracking typing;
    private final EventBus events;
    private final Clock clock;

    public PresenceTracking(
            PresenceRegistry registry,
            Users users,
            Conversations conversations,
            TypingTracking typing,
            EventBus events,
            Clock clock) {
        this.registry = registry;
        this.users = users;
        this.conversations = conversations;
        this.typing = typing;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public void connected(UserId userId, String sessionId) {
        if (registry.connect(userId, sessionId)) {
            events.publish(
                    new DomainEvent.PresenceChanged(userId, true, Optional.empty(), conversations.contactsOf(userId)));
        }
    }

    @Override
    public void disconnected(UserId userId, String sessionId) {
        if (registry.disconnect(userId, sessionId)) {
            wentOffline(userId);
        }
    }

    private void wentOffline(UserId userId) {
        Instant now = clock.now();
        users.updateLastSeen(userId, now);
        typing.stopAll(userId);
        events.publish(
                new DomainEvent.PresenceChanged(userId, false, Optional.of(now), conversations.contactsOf(userId)));
    }

    @Override
    public int sweep() {
        var swept = registry.sweep();
        swept.wentOffline().forEach(this::wentOffline);
        swept.cameOnline()
                .forEach(userId -> events.publish(new DomainEvent.PresenceChanged(
                        userId, true, Optional.empty(), conversations.contactsOf(userId))));
        return swept.wentOffline().size() + swept.cameOnline().size();
    }

    @Override
    public Outcome<Set<UserId>> list(UserId userId) {
        return Outcome.ok(registry.onlineAmong(conversations.contactsOf(userId)));
    }
}
