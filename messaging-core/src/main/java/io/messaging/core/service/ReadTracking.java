package io.messaging.core.service;

import io.messaging.core.model.Conversation;
import io.messaging.core.model.ConversationId;
import io.messaging.core.model.DomainEvent;
import io.messaging.core.model.Message;
import io.messaging.core.model.MessageId;
import io.messaging.core.model.Outcome;
import io.messaging.core.model.ReadResult;
import io.messaging.core.model.UnreadCounts;
import io.messaging.core.model.UserId;
import io.messaging.core.port.in.CountUnread;
import io.messaging.core.port.in.Limits;
import io.messaging.core.port.in.MarkRead;
import io.messaging.core.port.out.Clock;
import io.messaging.core.port.out.Conversations;
import io.messaging.core.port.out.EventBus;
import io.messaging.core.port.out.Messages;
import io.messaging.core.port.out.ReadReceipts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Records read receipts, publishes them, and counts what is left unread. */
public final class ReadTracking implements MarkRead, CountUnread {
    private final Conversations conversations;
    private final Messages messages;
    private final ReadReceipts receipts;
    private final Membership membership;
    private final EventBus events;
    private final Clock clock;

    public ReadTracking(
            Conversations conversations, Messages messages, ReadReceipts receipts, EventBus events, Clock clock) {
        this.conversations = conversations;
        this.messages = messages;
        this.receipts = receipts;
        this.membership = new Membership(conversations, messages);
        this.events = events;
        this.clock = clock;
    }

    @Override
    public Outcome<List<ReadResult>> markMessages(UserId readerId, Collection<MessageId> messageIds) {
        if (messageIds.isEmpty() || messageIds.size() > Limits.MARK_READ_IDS_MAX) {
            return Outcome.invalid("messageIds must hold 1 to " + Limits.MARK_READ_IDS_MAX + " ids");
        }
        var byConversation = new LinkedHashMap<ConversationId, List<MessageId>>();
        var conversationsById = new LinkedHashMap<ConversationId, Conversation>();
        for (MessageId id : new LinkedHashSet<>(messageIds)) {
            var visible = membership.message(readerId, id);
            if (!(visible instanceof Outcome.Success<Membership.Visible> success)) {
                return Outcome.notFound("message");
            }
            Conversation conversation = success.value().conversation();
            conversationsById.putIfAbsent(conversation.id(), conversation);
            byConversation
                    .computeIfAbsent(conversation.id(), key -> new ArrayList<>())
                    .add(id);
        }
        Instant now = clock.now();
        var results = new ArrayList<ReadResult>();
        byConversation.forEach((conversationId, ids) -> {
            var newlyRead = receipts.markRead(conversationId, readerId, ids, now);
            publish(conversationsById.get(conversationId), readerId, newlyRead, Optional.empty(), now);
            results.add(new ReadResult(conversationId, newlyRead, now));
        });
        return Outcome.ok(results);
    }

    @Override
    public Outcome<ReadResult> markConversation(
            UserId readerId, ConversationId conversationId, Optional<MessageId> upToMessageId) {
        return membership.conversation(readerId, conversationId).flatMap(conversation -> {
            long upToSeq = Long.MAX_VALUE;
            if (upToMessageId.isPresent()) {
                Optional<Message> upTo = messages.findById(upToMessageId.get())
                        .filter(message -> message.conversationId().equals(conversationId));
                if (upTo.isEmpty()) {
                    return Outcome.notFound("message");
                }
                upToSeq = upTo.get().seq();
            }
            Instant now = clock.now();
            var newlyRead = receipts.markReadUpTo(conversationId, readerId, upToSeq, now);
            publish(conversation, readerId, newlyRead, upToMessageId, now);
            return Outcome.ok(new ReadResult(conversationId, newlyRead, now));
        });
    }

    private void publish(
            Conversation conversation,
            UserId readerId,
            List<MessageId> newlyRead,
            Optional<MessageId> upTo,
            Instant readAt) {
        if (!newlyRead.isEmpty()) {
            events.publish(new DomainEvent.MessagesRead(
                    conversation.id(), readerId, newlyRead, upTo, readAt, conversation.participantIds()));
        }
    }

    @Override
    public Outcome<UnreadCounts> count(UserId userId) {
        Map<ConversationId, Long> counts = receipts.unreadCounts(userId, conversations.idsForUser(userId));
        var nonZero = new LinkedHashMap<ConversationId, Long>();
        long total = 0;
        for (var entry : counts.entrySet()) {
            if (entry.getValue() > 0) {
                nonZero.put(entry.getKey(), entry.getValue());
                total += entry.getValue();
            }
        }
        return Outcome.ok(new UnreadCounts(total, nonZero));
    }
}
