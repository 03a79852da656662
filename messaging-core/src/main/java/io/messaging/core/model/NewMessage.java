package io.messaging.core.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A message about to be stored: everything but its {@code seq}, which the store assigns. An encrypted message has
 * empty {@code content} (stored as none) and its per-device {@code envelopes}; every other message has no envelopes.
 */
public record NewMessage(
        MessageId id,
        ConversationId conversationId,
        UserId senderId,
        Optional<UserId> recipientId,
        MessageType type,
        String content,
        List<Attachment> attachments,
        Optional<String> clientMessageId,
        Optional<MessageId> replyToId,
        Instant createdAt,
        Optional<VoiceNote> voice,
        Optional<ScheduledMessageId> scheduledMessageId,
        Map<String, Envelope> envelopes) {
    public NewMessage {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(senderId, "senderId");
        Objects.requireNonNull(recipientId, "recipientId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(content, "content");
        attachments = List.copyOf(attachments);
        Objects.requireNonNull(clientMessageId, "clientMessageId");
        Objects.requireNonNull(replyToId, "replyToId");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(voice, "voice");
        Objects.requireNonNull(scheduledMessageId, "scheduledMessageId");
        envelopes = Map.copyOf(envelopes);
    }

    /** A message that is not sent from a scheduled message. */
    public NewMessage(
            MessageId id,
            ConversationId conversationId,
            UserId senderId,
            Optional<UserId> recipientId,
            MessageType type,
            String content,
            List<Attachment> attachments,
            Optional<String> clientMessageId,
            Optional<MessageId> replyToId,
            Instant createdAt,
            Optional<VoiceNote> voice) {
        this(
                id,
                conversationId,
                senderId,
                recipientId,
                type,
                content,
                attachments,
                clientMessageId,
                replyToId,
                createdAt,
                voice,
                Optional.empty(),
                Map.of());
    }

    /** A message without a voice note (any type but voice). */
    public NewMessage(
            MessageId id,
            ConversationId conversationId,
            UserId senderId,
            Optional<UserId> recipientId,
            MessageType type,
            String content,
            List<Attachment> attachments,
            Optional<String> clientMessageId,
            Optional<MessageId> replyToId,
            Instant createdAt) {
        this(
                id,
                conversationId,
                senderId,
                recipientId,
                type,
                content,
                attachments,
                clientMessageId,
                replyToId,
                createdAt,
                Optional.empty());
    }

    /** The stored form of this message at position {@code seq}, unread and without reactions. */
    public Message toMessage(long seq) {
        return new Message(
                id,
                conversationId,
                seq,
                senderId,
                recipientId,
                type,
                storedContent(),
                attachments,
                clientMessageId,
                replyToId,
                createdAt,
                Optional.empty(),
                false,
                Optional.empty(),
                List.of(),
                Map.of(),
                voice,
                scheduledMessageId,
                envelopes);
    }

    /** The content as stored: none for an encrypted message, whose text only its envelopes hold. */
    public Optional<String> storedContent() {
        return type == MessageType.ENCRYPTED ? Optional.empty() : Optional.of(content);
    }
}
