package io.messaging.core.memory;

import io.messaging.core.model.Conversation;
import io.messaging.core.model.ConversationId;
import io.messaging.core.model.ConversationType;
import io.messaging.core.model.UserId;
import io.messaging.core.port.out.Conversations;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The conversation store in memory. */
final class InMemoryConversations implements Conversations {
    private static final Comparator<Conversation> MOST_RECENT_FIRST = Comparator.comparing(Conversation::lastActivityAt)
            .thenComparing(c -> c.id().value())
            .reversed();

    private final Map<ConversationId, Conversation> byId = new HashMap<>();
    private final Map<String, ConversationId> directByKey = new HashMap<>();

    @Override
    public synchronized void insert(Conversation conversation) {
        if (byId.putIfAbsent(conversation.id(), conversation) != null) {
            throw new IllegalArgumentException("conversation " + conversation.id() + " exists");
        }
    }

    @Override
    public synchronized Conversation insertDirectIfAbsent(Conversation direct) {
        if (direct.type() != ConversationType.DIRECT) {
            throw new IllegalArgumentException("not a direct conversation");
        }
        String key = Conversation.directKey(
                direct.participantIds().get(0), direct.participantIds().get(1));
        ConversationId existing = directByKey.get(key);
        if (existing != null) {
            return byId.get(existing);
        }
        directByKey.put(key, direct.id());
        byId.put(direct.id(), direct);
        return direct;
    }

    @Override
    public synchronized Optional<Conversation> findById(ConversationId id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public synchronized Optional<Conversation> findDirect(UserId first, UserId second) {
        return Optional.ofNullable(directByKey.get(Conversation.directKey(first, second)))
                .map(byId::get);
    }

    @Override
    public synchronized List<Conversation> listForUser(UserId userId, int limit, Optional<ActivityCursor> after) {
        return byId.values().stream()
                .filter(conversation -> conversation.hasParticipant(userId))
                .filter(conversation ->
                        after.map(cursor -> isAfter(conversation, cursor)).orElse(true))
                .sorted(MOST_RECENT_FIRST)
                .limit(limit)
                .toList();
    }

    private static boolean isAfter(Conversation conversation, ActivityCursor cursor) {
        int byTime = conversation.lastActivityAt().compareTo(cursor.lastActivityAt());
        return byTime < 0
                || (byTime == 0
                        && conversation.id().value().compareTo(cursor.id().value()) < 0);
    }

    @Override
    public synchronized List<ConversationId> idsForUser(UserId userId) {
        return byId.values().stream()
                .filter(c -> c.hasParticipant(userId))
                .map(Conversation::id)
                .toList();
    }

    @Override
    public synchronized Set<UserId> contactsOf(UserId userId) {
        var contacts = new HashSet<UserId>();
        byId.values().stream().filter(c -> c.hasParticipant(userId)).forEach(c -> contacts.addAll(c.participantIds()));
        contacts.remove(userId);
        return Set.copyOf(contacts);
    }

    @Override
    public synchronized Optional<Conversation> addParticipants(ConversationId id, Collection<UserId> userIds) {
        return replace(id, byId.containsKey(id) ? byId.get(id).withParticipantsAdded(userIds) : null);
    }

    @Override
    public synchronized Optional<Conversation> removeParticipant(ConversationId id, UserId userId) {
        return replace(id, byId.containsKey(id) ? byId.get(id).withParticipantRemoved(userId) : null);
    }

    @Override
    public synchronized Optional<Conversation> encrypt(ConversationId id) {
        return replace(id, byId.containsKey(id) ? byId.get(id).withEncryption() : null);
    }

    /** Moves the conversation's last message time forward; called by the message store inside its append. */
    synchronized void touch(ConversationId id, Instant at) {
        var conversation = byId.get(id);
        if (conversation != null) {
            byId.put(id, conversation.withLastMessageAt(at));
        }
    }

    synchronized boolean exists(ConversationId id) {
        return byId.containsKey(id);
    }

    private Optional<Conversation> replace(ConversationId id, Conversation updated) {
        if (updated == null) {
            return Optional.empty();
        }
        byId.put(id, updated);
        return Optional.of(updated);
    }
}
