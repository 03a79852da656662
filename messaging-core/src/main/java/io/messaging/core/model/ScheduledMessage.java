package io.messaging.core.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A message its sender wrote to be sent at {@code sendAt}, to a user ({@code recipientId}) or a conversation
 * ({@code conversationId}), exactly one of them. Once sent, {@code messageId} names the message; once failed,
 * {@code failure} is the code of why.
 */
public record ScheduledMessage(
        ScheduledMessageId id,
        UserId senderId,
        Optional<ConversationId> conversationId,
        Optional<UserId> recipientId,
        MessageType type,
        String content,
        List<Attachment> attachments,
        Optional<String> clientMessageId,
        Optional<MessageId> replyToId,
        Instant sendAt,
        ScheduledStatus status,
        Optional<MessageId> messageId,
        Optional<String> failure,
        Instant createdAt) {
    public ScheduledMessage {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(senderId, "senderId");
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(recipientId, "recipientId");
        if (conversationId.isPresent() == recipientId.isPresent()) {
            throw new IllegalArgumentException("exactly one of conversationId and recipientId");
        }
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(content, "content");
        attachments = List.copyOf(attachments);
        Objects.requireNonNull(clientMessageId, "clientMessageId");
        Objects.requireNonNull(replyToId, "replyToId");
        Objects.requireNonNull(sendAt, "sendAt");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(failure, "failure");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** The {@code clientMessageId} of the message this one becomes: the same on every attempt, so it is sent once. */
    public String sendingKey() {
        return "scheduled:" + id.value();
    }

    /** This message with new content and time, still scheduled. */
    public ScheduledMessage rescheduled(String newContent, Instant newSendAt) {
        return with(newContent, newSendAt, status, messageId, failure);
    }

    /** This message sent as {@code message}. */
    public ScheduledMessage sent(MessageId message) {
        return with(content, sendAt, ScheduledStatus.SENT, Optional.of(message), Optional.empty());
    }

    /** This message failed at its time, for the reason {@code code}. */
    public ScheduledMessage failed(String code) {
        return with(content, sendAt, ScheduledStatus.FAILED, Optional.empty(), Optional.of(code));
    }

    /** This message cancelled by its author. */
    public ScheduledMessage cancelled() {
        return with(content, sendAt, ScheduledStatus.CANCELLED, Optional.empty(), Optional.empty());
    }

    /** This message with what may change after it is scheduled replaced: its text and time, and how it ended. */
    private ScheduledMessage with(
            String content,
            Instant sendAt,
            ScheduledStatus status,
            Optional<MessageId> messageId,
            Optional<String> failure) {
        return new ScheduledMessage(
                id,
                senderId,
                conversationId,
                recipientId,
                type,
                content,
                attachments,
                clientMessageId,
                replyToId,
                sendAt,
                status,
                messageId,
                failure,
                createdAt);
    }
}
