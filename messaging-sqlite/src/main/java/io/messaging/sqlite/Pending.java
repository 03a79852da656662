package io.messaging.sqlite;

import io.messaging.core.model.ConversationId;
import io.messaging.core.model.Message;
import io.messaging.core.model.MessageId;
import io.messaging.core.model.UserId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The acknowledged messages that are in the journal but not yet in the message tables, so that every read sees
 * them. The journal thread adds a group once it is committed to the journal; the writer removes it once the group
 * is committed to the tables. A reader takes what it needs from here <em>before</em> it reads the tables: a message
 * removed from here in between is then already in the tables, so the two together miss nothing, and where both have
 * a message the tables' copy wins (it may carry receipts or reactions that arrived since).
 */
final class Pending {
    /** A sender's client message id: the key that makes a send idempotent. */
    record ClientKey(UserId senderId, String clientMessageId) {
    }

    private final Map<ConversationId, ConcurrentSkipListMap<Long, Message>> byConversation =
            new ConcurrentHashMap<>();
    private final Map<MessageId, Message> byId = new ConcurrentHashMap<>();
    private final Map<ClientKey, Message> byClientKey = new ConcurrentHashMap<>();
    private final Object room = new Object();
    private int size;

    /** Adds messages just committed to the journal. */
    void add(List<Message> messages) {
        for (Message message : messages) {
            byId.put(message.id(), message);
            message.clientMessageId().ifPresent(clientId ->
                    byClientKey.put(new ClientKey(message.senderId(), clientId), message));
            byConversation.computeIfAbsent(message.conversationId(), id -> new ConcurrentSkipListMap<>())
                    .put(message.seq(), message);
        }
        synchronized (room) {
            size += messages.size();
        }
    }

    /** Removes messages just committed to the tables (which readers from now on find there). */
    void remove(List<Message> messages) {
        for (Message message : messages) {
            byConversation.computeIfPresent(message.conversationId(), (id, tail) -> {
                tail.remove(message.seq());
                return tail.isEmpty() ? null : tail;
            });
            message.clientMessageId().ifPresent(clientId ->
                    byClientKey.remove(new ClientKey(message.senderId(), clientId)));
            byId.remove(message.id());
        }
        synchronized (room) {
            size -= messages.size();
            room.notifyAll();
        }
    }

    /** Waits until fewer than {@code limit} messages are pending, so the journal never runs far ahead. */
    void awaitFewerThan(int limit) throws InterruptedException {
        synchronized (room) {
            while (size >= limit) {
                room.wait();
            }
        }
    }

    boolean isEmpty() {
        return byId.isEmpty();
    }

    /** Whether any of the conversations has a pending message. */
    boolean anyIn(Collection<ConversationId> ids) {
        return ids.stream().anyMatch(byConversation::containsKey);
    }

    Optional<Message> byId(MessageId id) {
        return Optional.ofNullable(byId.get(id));
    }

    Optional<Message> byClientKey(UserId senderId, String clientMessageId) {
        return Optional.ofNullable(byClientKey.get(new ClientKey(senderId, clientMessageId)));
    }

    /** The highest seq pending in the conversation, if any is. */
    Optional<Long> lastSeq(ConversationId id) {
        var tail = byConversation.get(id);
        Map.Entry<Long, Message> last = tail == null ? null : tail.lastEntry();
        return last == null ? Optional.empty() : Optional.of(last.getKey());
    }

    /**
     * The latest send time among the conversation's pending messages, if any is pending (not always the last
     * one's: senders' clocks differ, and a conversation's last message time never moves back).
     */
    Optional<Instant> lastMessageAt(ConversationId id) {
        var tail = byConversation.get(id);
        return tail == null ? Optional.empty()
                : tail.values().stream().map(Message::createdAt).max(Instant::compareTo);
    }

    /** A copy of the conversation's pending messages, by seq. */
    List<Message> of(ConversationId id) {
        var tail = byConversation.get(id);
        return tail == null ? List.of() : new ArrayList<>(tail.values());
    }

    /** A copy of the newest pending message of each given conversation that has one. */
    Map<ConversationId, Message> latestOf(Collection<ConversationId> ids) {
        var latest = new HashMap<ConversationId, Message>();
        for (ConversationId id : ids) {
            var tail = byConversation.get(id);
            Map.Entry<Long, Message> last = tail == null ? null : tail.lastEntry();
            if (last != null) {
                latest.put(id, last.getValue());
            }
        }
        return latest;
    }
}
