package io.messaging.core.memory;

import io.messaging.core.model.AttachmentId;
import io.messaging.core.model.ConversationId;
import io.messaging.core.model.Message;
import io.messaging.core.model.MessageId;
import io.messaging.core.model.NewMessage;
import io.messaging.core.model.ReadReceipt;
import io.messaging.core.model.UserId;
import io.messaging.core.port.out.Messages;
import io.messaging.core.port.out.ReadReceipts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/** Messages and their read receipts in memory, behind one lock so seq assignment cannot race. */
final class InMemoryMessages implements Messages, ReadReceipts {
    private static final Comparator<Message> NEWEST_FIRST = Comparator.comparing(Message::createdAt)
            .thenComparing(m -> m.id().value())
            .reversed();

    private record ClientKey(UserId senderId, String clientMessageId) {}

    private record ReaderKey(ConversationId conversationId, UserId userId) {}

    private final InMemoryConversations conversations;
    /** Messages as stored, without read receipts (those are joined in on the way out). */
    private final Map<MessageId, Message> byId = new HashMap<>();

    private final Map<ConversationId, TreeMap<Long, MessageId>> bySeq = new HashMap<>();
    private final Map<ClientKey, MessageId> byClientId = new HashMap<>();
    private final Map<MessageId, LinkedHashMap<UserId, Instant>> receipts = new HashMap<>();
    private final Map<ReaderKey, Long> readingStart = new HashMap<>();

    InMemoryMessages(InMemoryConversations conversations) {
        this.conversations = conversations;
    }

    @Override
    public synchronized AppendOutcome append(NewMessage message) {
        Objects.requireNonNull(message, "message");
        if (message.clientMessageId().isPresent()) {
            var existing = byClientId.get(
                    new ClientKey(message.senderId(), message.clientMessageId().get()));
            if (existing != null) {
                return new AppendOutcome.AlreadyStored(view(byId.get(existing)));
            }
        }
        if (!conversations.exists(message.conversationId())) {
            throw new IllegalArgumentException("unknown conversation " + message.conversationId());
        }
        var seqs = bySeq.computeIfAbsent(message.conversationId(), id -> new TreeMap<>());
        long seq = seqs.isEmpty() ? 1 : seqs.lastKey() + 1;
        Message stored = message.toMessage(seq);
        byId.put(stored.id(), stored);
        seqs.put(seq, stored.id());
        message.clientMessageId()
                .ifPresent(clientId -> byClientId.put(new ClientKey(message.senderId(), clientId), stored.id()));
        conversations.touch(message.conversationId(), message.createdAt());
        return new AppendOutcome.Appended(stored);
    }

    @Override
    public synchronized Optional<Message> findById(MessageId id) {
        return Optional.ofNullable(byId.get(id)).map(this::view);
    }

    @Override
    public synchronized List<Message> listBefore(ConversationId conversationId, long beforeSeq, int limit) {
        return bySeq
                .getOrDefault(conversationId, new TreeMap<>())
                .headMap(beforeSeq, false)
                .descendingMap()
                .values()
                .stream()
                .limit(limit)
                .map(id -> view(byId.get(id)))
                .toList();
    }

    @Override
    public synchronized List<Message> listAfter(ConversationId conversationId, long afterSeq, int limit) {
        return bySeq.getOrDefault(conversationId, new TreeMap<>()).tailMap(afterSeq, false).values().stream()
                .limit(limit)
                .map(id -> view(byId.get(id)))
                .toList();
    }

    @Override
    public synchronized Map<ConversationId, Message> latestOf(Collection<ConversationId> conversationIds) {
        var latest = new HashMap<ConversationId, Message>();
        for (ConversationId id : conversationIds) {
            var seqs = bySeq.get(id);
            if (seqs != null && !seqs.isEmpty()) {
                latest.put(id, view(byId.get(seqs.lastEntry().getValue())));
            }
        }
        return latest;
    }

    @Override
    public synchronized Optional<Message> edit(MessageId id, String content, Instant editedAt) {
        return replace(id, message -> message.edited(content, editedAt));
    }

    @Override
    public synchronized Optional<Message> softDelete(MessageId id, Instant deletedAt) {
        return replace(id, message -> message.deleted() ? message : message.softDeleted(deletedAt));
    }

    @Override
    public synchronized Optional<Message> setReaction(MessageId id, String emoji, UserId userId, boolean present) {
        return replace(id, message -> message.withReaction(emoji, userId, present));
    }

    private Optional<Message> replace(MessageId id, UnaryOperator<Message> change) {
        var current = byId.get(id);
        if (current == null) {
            return Optional.empty();
        }
        var updated = change.apply(current);
        byId.put(id, updated);
        return Optional.of(view(updated));
    }

    @Override
    public synchronized List<Message> search(
            Collection<ConversationId> conversationIds, String query, int limit, Optional<SearchCursor> after) {
        List<String> words = Arrays.stream(query.toLowerCase(Locale.ROOT).split("\\W+"))
                .filter(word -> !word.isEmpty())
                .toList();
        if (words.isEmpty()) {
            return List.of();
        }
        Set<ConversationId> scope = new HashSet<>(conversationIds);
        return byId.values().stream()
                .filter(message -> scope.contains(message.conversationId()) && !message.deleted())
                .filter(message -> {
                    String content = message.content().orElse("").toLowerCase(Locale.ROOT);
                    return words.stream().allMatch(content::contains);
                })
                .filter(message -> after.map(cursor -> isOlder(message, cursor)).orElse(true))
                .sorted(NEWEST_FIRST)
                .limit(limit)
                .map(this::view)
                .toList();
    }

    private static boolean isOlder(Message message, SearchCursor cursor) {
        int byTime = message.createdAt().compareTo(cursor.createdAt());
        return byTime < 0
                || (byTime == 0 && message.id().value().compareTo(cursor.id().value()) < 0);
    }

    @Override
    public synchronized Set<ConversationId> conversationsReferencing(AttachmentId attachmentId) {
        var found = new HashSet<ConversationId>();
        byId.values().forEach(message -> {
            boolean refers = message.attachments().stream().anyMatch(a -> a.id().equals(attachmentId));
            if (refers) {
                found.add(message.conversationId());
            }
        });
        return found;
    }

    @Override
    public synchronized List<MessageId> markRead(
            ConversationId conversationId, UserId readerId, Collection<MessageId> messageIds, Instant readAt) {
        return messageIds.stream()
                .distinct()
                .map(byId::get)
                .filter(Objects::nonNull)
                .filter(message -> message.conversationId().equals(conversationId))
                .filter(message -> isUnread(message, readerId))
                .sorted(Comparator.comparingLong(Message::seq))
                .map(message -> receive(message, readerId, readAt))
                .toList();
    }

    @Override
    public synchronized List<MessageId> markReadUpTo(
            ConversationId conversationId, UserId readerId, long upToSeq, Instant readAt) {
        var seqs = bySeq.getOrDefault(conversationId, new TreeMap<>());
        long start = readingStart.getOrDefault(new ReaderKey(conversationId, readerId), 0L);
        var newlyRead = new ArrayList<MessageId>();
        for (MessageId id : seqs.subMap(start, false, upToSeq, true).values()) {
            Message message = byId.get(id);
            if (isUnread(message, readerId)) {
                newlyRead.add(receive(message, readerId, readAt));
            }
        }
        return newlyRead;
    }

    @Override
    public synchronized void startReadingAfter(ConversationId conversationId, UserId userId, long seq) {
        readingStart.merge(new ReaderKey(conversationId, userId), seq, Math::max);
    }

    @Override
    public synchronized Map<ConversationId, Long> unreadCounts(
            UserId userId, Collection<ConversationId> conversationIds) {
        var counts = new HashMap<ConversationId, Long>();
        for (ConversationId conversationId : conversationIds) {
            long start = readingStart.getOrDefault(new ReaderKey(conversationId, userId), 0L);
            long unread = bySeq.getOrDefault(conversationId, new TreeMap<>()).tailMap(start, false).values().stream()
                    .map(byId::get)
                    .filter(message -> isUnread(message, userId))
                    .count();
            counts.put(conversationId, unread);
        }
        return counts;
    }

    private boolean isUnread(Message message, UserId readerId) {
        long start = readingStart.getOrDefault(new ReaderKey(message.conversationId(), readerId), 0L);
        return !message.senderId().equals(readerId)
                && !message.deleted()
                && message.seq() > start
                && !receipts.getOrDefault(message.id(), new LinkedHashMap<>()).containsKey(readerId);
    }

    private MessageId receive(Message message, UserId readerId, Instant readAt) {
        receipts.computeIfAbsent(message.id(), id -> new LinkedHashMap<>()).put(readerId, readAt);
        return message.id();
    }

    private Message view(Message stored) {
        var read = receipts.get(stored.id());
        if (read == null) {
            return stored;
        }
        var readBy = new ArrayList<ReadReceipt>();
        read.forEach((userId, at) -> readBy.add(new ReadReceipt(userId, at)));
        return stored.withReadBy(readBy);
    }
}
