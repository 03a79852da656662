package io.messaging.sqlite;

import io.messaging.core.model.ConversationId;
import io.messaging.core.model.Message;
import io.messaging.core.model.MessageId;
import io.messaging.core.model.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;

/**
 * The acknowledged messages that are in the journal but not yet in the message tables (unapplied), in journal order, so that
 * every read sees them and the writer puts them into the tables in that order. The journal thread adds a group once
 * it is committed to the journal; the writer removes the entries up to a position once the tables hold them. A
 * reader takes what it needs from here <em>before</em> it reads the tables: a message removed from here in between
 * is then already in the tables, so the two together miss nothing, and where both have a message the tables' copy
 * wins (it may carry receipts or reactions that arrived since).
 */
final class UnappliedMessages {
    /** A sender's client message id: the key that makes a send idempotent. */
    record ClientKey(UserId senderId, String clientMessageId) {}

    private final Map<ConversationId, ConcurrentSkipListMap<Long, Message>> byConversation = new ConcurrentHashMap<>();
    private final Map<MessageId, Message> byId = new ConcurrentHashMap<>();
    private final Map<ClientKey, Message> byClientKey = new ConcurrentHashMap<>();
    /** The entries in journal order; guarded by itself, which also makes adding and removing atomic. */
    private final ArrayDeque<JournalEntry> inOrder = new ArrayDeque<>();

    /** Adds entries just committed to the journal, in position order, after every entry added before. */
    void add(List<JournalEntry> entries) {
        synchronized (inOrder) {
            for (JournalEntry entry : entries) {
                Message message = entry.message();
                byId.put(message.id(), message);
                message.clientMessageId()
                        .ifPresent(clientId -> byClientKey.put(new ClientKey(message.senderId(), clientId), message));
                byConversation
                        .computeIfAbsent(message.conversationId(), id -> new ConcurrentSkipListMap<>())
                        .put(message.seq(), message);
                inOrder.addLast(entry);
            }
        }
    }

    /** A copy of the entries past {@code position}, in journal order: what the tables do not hold yet. */
    List<JournalEntry> after(long position) {
        synchronized (inOrder) {
            var entries = new ArrayList<JournalEntry>(inOrder.size());
            for (JournalEntry entry : inOrder) {
                if (entry.position() > position) {
                    entries.add(entry);
                }
            }
            return entries;
        }
    }

    /** Removes the entries up to {@code position}, which the tables now hold (and readers from now on find there). */
    void removeThrough(long position) {
        synchronized (inOrder) {
            while (!inOrder.isEmpty() && inOrder.peekFirst().position() <= position) {
                Message message = inOrder.removeFirst().message();
                byConversation.computeIfPresent(message.conversationId(), (id, tail) -> {
                    tail.remove(message.seq());
                    return tail.isEmpty() ? null : tail;
                });
                message.clientMessageId()
                        .ifPresent(clientId -> byClientKey.remove(new ClientKey(message.senderId(), clientId)));
                byId.remove(message.id());
            }
            inOrder.notifyAll();
        }
    }

    /**
     * Waits until fewer than {@code limit} messages are pending, so the journal never runs far ahead; false if that
     * did not happen within {@code timeout}.
     */
    boolean awaitFewerThan(int limit, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (inOrder) {
            while (inOrder.size() >= limit) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(inOrder, left);
            }
            return true;
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
        return tail == null
                ? Optional.empty()
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
