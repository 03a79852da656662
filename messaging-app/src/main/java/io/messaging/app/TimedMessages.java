package io.messaging.app;

import io.messaging.core.model.AttachmentId;
import io.messaging.core.model.ConversationId;
import io.messaging.core.model.Message;
import io.messaging.core.model.MessageId;
import io.messaging.core.model.NewMessage;
import io.messaging.core.model.UserId;
import io.messaging.core.port.out.Messages;
import io.messaging.core.port.out.ReadReceipts;
import io.micrometer.core.instrument.Timer;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/** Times the message store's calls (the ones on every hot path) into {@code messaging.store} timers. */
final class TimedMessages implements Messages, ReadReceipts {
    private final Messages messages;
    private final ReadReceipts receipts;
    private final Timer append;
    private final Timer history;
    private final Timer search;
    private final Timer unread;
    private final Timer other;

    TimedMessages(Messages messages, ReadReceipts receipts, ServerMetrics metrics) {
        this.messages = messages;
        this.receipts = receipts;
        this.append = metrics.timer("messaging.store", "operation", "append");
        this.history = metrics.timer("messaging.store", "operation", "history");
        this.search = metrics.timer("messaging.store", "operation", "search");
        this.unread = metrics.timer("messaging.store", "operation", "unread");
        this.other = metrics.timer("messaging.store", "operation", "other");
    }

    @Override
    public AppendOutcome append(NewMessage message) {
        return append.record(() -> messages.append(message));
    }

    @Override
    public CompletionStage<AppendOutcome> appendAsync(NewMessage message) {
        long start = System.nanoTime();
        return messages.appendAsync(message)
                .whenComplete((outcome, failure) -> append.record(System.nanoTime() - start, TimeUnit.NANOSECONDS));
    }

    @Override
    public Optional<Message> findById(MessageId id) {
        return other.record(() -> messages.findById(id));
    }

    @Override
    public List<Message> listBefore(ConversationId conversationId, long beforeSeq, int limit) {
        return history.record(() -> messages.listBefore(conversationId, beforeSeq, limit));
    }

    @Override
    public List<Message> listAfter(ConversationId conversationId, long afterSeq, int limit) {
        return history.record(() -> messages.listAfter(conversationId, afterSeq, limit));
    }

    @Override
    public Map<ConversationId, Message> latestOf(Collection<ConversationId> conversationIds) {
        return history.record(() -> messages.latestOf(conversationIds));
    }

    @Override
    public Optional<Message> edit(MessageId id, String content, Instant editedAt) {
        return other.record(() -> messages.edit(id, content, editedAt));
    }

    @Override
    public Optional<Message> softDelete(MessageId id, Instant deletedAt) {
        return other.record(() -> messages.softDelete(id, deletedAt));
    }

    @Override
    public Optional<Message> setReaction(MessageId id, String emoji, UserId userId, boolean present) {
        return other.record(() -> messages.setReaction(id, emoji, userId, present));
    }

    @Override
    public List<Message> search(
            Collection<ConversationId> conversationIds, String query, int limit, Optional<SearchCursor> after) {
        return search.record(() -> messages.search(conversationIds, query, limit, after));
    }

    @Override
    public Set<ConversationId> conversationsReferencing(AttachmentId attachmentId) {
        return other.record(() -> messages.conversationsReferencing(attachmentId));
    }

    @Override
    public List<MessageId> markRead(
            ConversationId conversationId, UserId readerId, Collection<MessageId> messageIds, Instant readAt) {
        return other.record(() -> receipts.markRead(conversationId, readerId, messageIds, readAt));
    }

    @Override
    public List<MessageId> markReadUpTo(ConversationId conversationId, UserId readerId, long upToSeq, Instant readAt) {
        return other.record(() -> receipts.markReadUpTo(conversationId, readerId, upToSeq, readAt));
    }

    @Override
    public void startReadingAfter(ConversationId conversationId, UserId userId, long seq) {
        other.record(() -> receipts.startReadingAfter(conversationId, userId, seq));
    }

    @Override
    public Map<ConversationId, Long> unreadCounts(UserId userId, Collection<ConversationId> conversationIds) {
        return unread.record(() -> receipts.unreadCounts(userId, conversationIds));
    }
}
