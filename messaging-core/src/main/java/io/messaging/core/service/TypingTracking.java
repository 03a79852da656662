package io.messaging.core.service;

import io.messaging.core.model.ConversationId;
import io.messaging.core.model.DomainEvent;
import io.messaging.core.model.Done;
import io.messaging.core.model.Outcome;
import io.messaging.core.model.UserId;
import io.messaging.core.port.in.ExpireTyping;
import io.messaging.core.port.in.SetTyping;
import io.messaging.core.port.out.Clock;
import io.messaging.core.port.out.Conversations;
import io.messaging.core.port.out.EventBus;
import io.messaging.core.port.out.Messages;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps who is typing where, publishing only changes, and ends typings that were not stopped in time. The state
 * is per node on purpose: a typing lives and dies with the connection that started it.
 */
public final class TypingTracking implements SetTyping, ExpireTyping {
    private final Membership membership;
    private final EventBus events;
    private final Clock clock;
    private final Duration expiry;
    private final Map<Key, Typing> typing = new ConcurrentHashMap<>();

    private record Key(ConversationId conversationId, UserId userId) {}

    private record Typing(Instant expiresAt, List<UserId> participantIds) {}

    public TypingTracking(
            Conversations conversations, Messages messages, EventBus events, Clock clock, Duration expiry) {
        this.membership = new Membership(conversations, messages);
        this.events = events;
        this.clock = clock;
        this.expiry = expiry;
    }

    @Override
    public Outcome<Done> set(UserId userId, ConversationId conversationId, boolean isTyping) {
        return membership.conversation(userId, conversationId).map(conversation -> {
            var key = new Key(conversationId, userId);
            if (isTyping) {
                var previous = typing.put(key, new Typing(clock.now().plus(expiry), conversation.participantIds()));
                if (previous == null) {
                    events.publish(
                            new DomainEvent.TypingChanged(conversationId, userId, true, conversation.participantIds()));
                }
            } else {
                stop(key);
            }
            return Done.DONE;
        });
    }

    @Override
    public int expireDue() {
        Instant now = clock.now();
        int expired = 0;
        for (var entry : typing.entrySet()) {
            if (!entry.getValue().expiresAt().isAfter(now) && typing.remove(entry.getKey(), entry.getValue())) {
                publishStopped(entry.getKey(), entry.getValue());
                expired++;
            }
        }
        return expired;
    }

    @Override
    public int active() {
        return typing.size();
    }

    /** Ends every typing of the user (their last connection closed). */
    void stopAll(UserId userId) {
        typing.keySet().stream()
                .filter(key -> key.userId().equals(userId))
                .toList()
                .forEach(this::stop);
    }

    private void stop(Key key) {
        var removed = typing.remove(key);
        if (removed != null) {
            publishStopped(key, removed);
        }
    }

    private void publishStopped(Key key, Typing stopped) {
        events.publish(
                new DomainEvent.TypingChanged(key.conversationId(), key.userId(), false, stopped.participantIds()));
    }
}
