package io.messaging.core.port.out;

import io.messaging.core.model.ConversationId;
import io.messaging.core.model.MessageId;
import io.messaging.core.model.UserId;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Who read what, and the unread counts derived from it. A message counts as unread for a user when it is in a
 * conversation of theirs, was sent by someone else, is not deleted, lies above the user's reading start
 * ({@link #startReadingAfter}) and has no receipt from them. Counts are computed from that rule, never kept as
 * counters, so they cannot drift. Thread-safe and idempotent; throws {@link StoreException} when the store cannot
 * be reached.
 */
public interface ReadReceipts {

    /**
     * Records receipts for those of {@code messageIds} that belong to the conversation, were sent by someone else,
     * are not deleted and were not yet read by {@code readerId}. Returns exactly those newly read, in seq order.
     */
    List<MessageId> markRead(
            ConversationId conversationId, UserId readerId, Collection<MessageId> messageIds, Instant readAt);

    /**
     * Records receipts for every message of the conversation with {@code seq <= upToSeq} that is unread by
     * {@code readerId} (per the rule above). Returns those newly read, in seq order.
     */
    List<MessageId> markReadUpTo(ConversationId conversationId, UserId readerId, long upToSeq, Instant readAt);

    /**
     * Makes messages with {@code seq <= seq} not count as unread for the user, without receipts: used when a user
     * joins a group, so its earlier history is not "unread". Never moves the start backwards.
     */
    void startReadingAfter(ConversationId conversationId, UserId userId, long seq);

    /** The user's unread count in each given conversation (0 included). */
    Map<ConversationId, Long> unreadCounts(UserId userId, Collection<ConversationId> conversationIds);
}
