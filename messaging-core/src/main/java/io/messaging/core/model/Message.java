package io.messaging.core.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A stored message with its position ({@code seq}) in its conversation, read receipts and reactions; a voice message
 * also carries its {@link VoiceNote}; {@code scheduledMessageId} names the scheduled message it was sent from, if any.
 * An encrypted message has no content: it carries one opaque {@link Envelope} per recipient device, keyed by device id,
 * of which each device is shown only its own ({@link #envelopeFor}).
 */
public record Message(
        MessageId id,
        ConversationId conversationId,
        long seq,
        UserId senderId,
        Optional<UserId> recipientId,
        MessageType type,
        Optional<String> content,
        List<Attachment> attachments,
        Optional<String> clientMessageId,
        Optional<MessageId> replyToId,
        Instant createdAt,
        Optional<Instant> editedAt,
        boolean deleted,
        Optional<Instant> deletedAt,
        List<ReadReceipt> readBy,
        Map<String, List<UserId>> reactions,
        Optional<VoiceNote> voice,
        Optional<ScheduledMessageId> scheduledMessageId,
        Map<String, Envelope> envelopes) {
    public Message {
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
        Objects.requireNonNull(editedAt, "editedAt");
        Objects.requireNonNull(deletedAt, "deletedAt");
        readBy = List.copyOf(readBy);
        reactions = copyReactions(reactions);
        Objects.requireNonNull(voice, "voice");
        Objects.requireNonNull(scheduledMessageId, "scheduledMessageId");
        envelopes = Map.copyOf(envelopes);
        if (seq < 1) {
            throw new IllegalArgumentException("seq starts at 1");
        }
    }

    private static Map<String, List<UserId>> copyReactions(Map<String, List<UserId>> reactions) {
        var copy = new TreeMap<String, List<UserId>>();
        reactions.forEach((emoji, users) -> {
            if (!users.isEmpty()) {
                copy.put(emoji, List.copyOf(users));
            }
        });
        return Collections.unmodifiableMap(copy);
    }

    /** This message with new content, marked edited at {@code at}. */
    public Message edited(String newContent, Instant at) {
        return with(
                Optional.of(newContent),
                attachments,
                Optional.of(at),
                deleted,
                deletedAt,
                readBy,
                reactions,
                voice,
                envelopes);
    }

    /** This message soft-deleted at {@code at}: content, attachments, voice note and envelopes cleared. */
    public Message softDeleted(Instant at) {
        return with(
                Optional.empty(),
                List.of(),
                editedAt,
                true,
                Optional.of(at),
                readBy,
                Map.of(),
                Optional.empty(),
                Map.of());
    }

    /** This message with the given read receipts. */
    public Message withReadBy(List<ReadReceipt> receipts) {
        return with(content, attachments, editedAt, deleted, deletedAt, receipts, reactions, voice, envelopes);
    }

    /** This message with the user's reaction {@code emoji} present or absent. */
    public Message withReaction(String emoji, UserId userId, boolean present) {
        var updated = new TreeMap<String, List<UserId>>(reactions);
        var users = new ArrayList<>(updated.getOrDefault(emoji, List.of()));
        users.remove(userId);
        if (present) {
            users.add(userId);
        }
        updated.put(emoji, users);
        return with(content, attachments, editedAt, deleted, deletedAt, readBy, updated, voice, envelopes);
    }

    /**
     * This message with what may change after it is stored replaced: its content and attachments, edit and deletion,
     * receipts and reactions, voice note and envelopes.
     */
    private Message with(
            Optional<String> content,
            List<Attachment> attachments,
            Optional<Instant> editedAt,
            boolean deleted,
            Optional<Instant> deletedAt,
            List<ReadReceipt> readBy,
            Map<String, List<UserId>> reactions,
            Optional<VoiceNote> voice,
            Map<String, Envelope> envelopes) {
        return new Message(
                id,
                conversationId,
                seq,
                senderId,
                recipientId,
                type,
                content,
                attachments,
                clientMessageId,
                replyToId,
                createdAt,
                editedAt,
                deleted,
                deletedAt,
                readBy,
                reactions,
                voice,
                scheduledMessageId,
                envelopes);
    }

    /** Whether this message is end-to-end encrypted (its content is in per-device envelopes). */
    public boolean encrypted() {
        return type == MessageType.ENCRYPTED;
    }

    /** The envelope addressed to this device, if the message has one for it. */
    public Optional<Envelope> envelopeFor(Optional<DeviceId> deviceId) {
        return deviceId.map(device -> envelopes.get(device.value()));
    }
}
