package io.messaging.core.port.out;

import io.messaging.core.model.AttachmentId;
import io.messaging.core.model.ConversationId;
import io.messaging.core.model.Message;
import io.messaging.core.model.MessageId;
import io.messaging.core.model.NewMessage;
import io.messaging.core.model.UserId;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The message store. Messages it returns carry their read receipts ({@code readBy}, in read order) and reactions.
 * Thread-safe; values are immutable and never null; throws {@link StoreException} when the store cannot be reached
 * (a write that throws stored nothing).
 */
public interface Messages {

    /** Outcome of appending a message. */
    sealed interface AppendOutcome {
        /** The stored message. */
        Message message();

        /** The message is stored durably with the next {@code seq} of its conversation. */
        record Appended(Message message) implements AppendOutcome {}

        /**
         * A message from the same sender with the same {@code clientMessageId} was stored before; it is returned
         * unchanged and nothing new was stored.
         */
        record AlreadyStored(Message message) implements AppendOutcome {}
    }

    /** Where a page of search results starts: strictly older than this message. */
    record SearchCursor(Instant createdAt, MessageId id) {}

    /**
     * Stores a message in an existing conversation. When this returns, the message is durable (it survives a
     * crash of the process). Assigns {@code seq} = the conversation's previous highest + 1, so a conversation's
     * seqs are 1, 2, 3, ... in commit order with no gap or duplicate, however many threads or processes append
     * at once. Sets the conversation's {@code lastMessageAt} to the message's {@code createdAt} (never
     * backwards). Idempotent per ({@code senderId}, {@code clientMessageId}) when a client id is given.
     */
    AppendOutcome append(NewMessage message);

    /**
     * {@link #append} without waiting: the stage completes with the same outcome once the message is durable, or
     * exceptionally with {@link StoreException} when nothing was stored. Appends made one after another by one
     * thread are stored in that order. A store that group-commits completes the stage on its own committing thread,
     * so what runs on completion must be quick and must never block on this store. This default appends at once on
     * the calling thread.
     */
    default CompletionStage<AppendOutcome> appendAsync(NewMessage message) {
        try {
            return CompletableFuture.completedFuture(append(message));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    Optional<Message> findById(MessageId id);

    /** The conversation's messages with {@code seq < beforeSeq}, newest first, at most {@code limit}. */
    List<Message> listBefore(ConversationId conversationId, long beforeSeq, int limit);

    /** The conversation's messages with {@code seq > afterSeq}, oldest first, at most {@code limit}. */
    List<Message> listAfter(ConversationId conversationId, long afterSeq, int limit);

    /** The newest message of each given conversation that has one. */
    Map<ConversationId, Message> latestOf(Collection<ConversationId> conversationIds);

    /** Replaces the content and sets {@code editedAt}; returns the updated message, or empty if unknown. */
    Optional<Message> edit(MessageId id, String content, Instant editedAt);

    /**
     * Soft-deletes: sets {@code deleted} and {@code deletedAt}, clears content, attachments and reactions, and
     * removes the message from search. Returns the updated message, or empty if unknown. Idempotent (a second call
     * keeps the first {@code deletedAt}).
     */
    Optional<Message> softDelete(MessageId id, Instant deletedAt);

    /** Adds or removes one user's reaction atomically; returns the updated message, or empty if unknown. */
    Optional<Message> setReaction(MessageId id, String emoji, UserId userId, boolean present);

    /**
     * Non-deleted messages of the given conversations whose content matches {@code query} (words, case-insensitive;
     * full-text where the store has it), newest first, strictly older than {@code after}, at most {@code limit}.
     */
    List<Message> search(
            Collection<ConversationId> conversationIds, String query, int limit, Optional<SearchCursor> after);

    /** The conversations with a message (deleted or not) that refers to this attachment. */
    Set<ConversationId> conversationsReferencing(AttachmentId attachmentId);
}
