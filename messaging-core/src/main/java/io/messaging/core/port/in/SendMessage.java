package io.messaging.core.port.in;

import io.messaging.core.model.Attachment;
import io.messaging.core.model.ConversationId;
import io.messaging.core.model.Envelope;
import io.messaging.core.model.Message;
import io.messaging.core.model.MessageId;
import io.messaging.core.model.MessageType;
import io.messaging.core.model.Outcome;
import io.messaging.core.model.ScheduledMessageId;
import io.messaging.core.model.UserId;
import io.messaging.core.model.VoiceNote;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** Sends a message to a user (in their direct conversation, created on the first message) or a conversation. */
public interface SendMessage {

    /** Where a message goes. */
    sealed interface Target {
        /** The direct conversation with this user. */
        record ToUser(UserId recipientId) implements Target {}

        /** An existing conversation. */
        record ToConversation(ConversationId conversationId) implements Target {}
    }

    /**
     * A message to send. Attachments name uploads by id (their type and size are taken from the store); a
     * {@code clientMessageId} makes retries safe; {@code originConnectionId} is the real-time connection that
     * sent it, so that connection is not echoed its own message. A voice message carries its {@code voice} note.
     * {@code scheduledMessageId} names the scheduled message this send carries out, if any. An encrypted message
     * ({@code type} encrypted) has empty {@code content} and one opaque envelope per recipient device in
     * {@code envelopes}, keyed by device id; every other type has none.
     */
    record Command(
            UserId senderId,
            Target target,
            MessageType type,
            String content,
            List<Attachment> attachments,
            Optional<String> clientMessageId,
            Optional<MessageId> replyToId,
            Optional<String> originConnectionId,
            Optional<VoiceNote> voice,
            Optional<ScheduledMessageId> scheduledMessageId,
            Map<String, Envelope> envelopes) {
        public Command {
            Objects.requireNonNull(senderId, "senderId");
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(content, "content");
            attachments = List.copyOf(attachments);
            Objects.requireNonNull(clientMessageId, "clientMessageId");
            Objects.requireNonNull(replyToId, "replyToId");
            Objects.requireNonNull(originConnectionId, "originConnectionId");
            Objects.requireNonNull(voice, "voice");
            Objects.requireNonNull(scheduledMessageId, "scheduledMessageId");
            envelopes = Map.copyOf(envelopes);
        }

        /** A message sent now, not from a scheduled message. */
        public Command(
                UserId senderId,
                Target target,
                MessageType type,
                String content,
                List<Attachment> attachments,
                Optional<String> clientMessageId,
                Optional<MessageId> replyToId,
                Optional<String> originConnectionId,
                Optional<VoiceNote> voice) {
            this(
                    senderId,
                    target,
                    type,
                    content,
                    attachments,
                    clientMessageId,
                    replyToId,
                    originConnectionId,
                    voice,
                    Optional.empty(),
                    Map.of());
        }

        /** A message without a voice note (any type but voice). */
        public Command(
                UserId senderId,
                Target target,
                MessageType type,
                String content,
                List<Attachment> attachments,
                Optional<String> clientMessageId,
                Optional<MessageId> replyToId,
                Optional<String> originConnectionId) {
            this(
                    senderId,
                    target,
                    type,
                    content,
                    attachments,
                    clientMessageId,
                    replyToId,
                    originConnectionId,
                    Optional.empty());
        }
    }

    /** The stored message; {@code duplicate} when it was stored by an earlier call with the same client id. */
    record Sent(Message message, boolean duplicate) {}

    /**
     * Stores the message durably and only then publishes it. A retry with the same ({@code senderId},
     * {@code clientMessageId}) returns the stored message and publishes nothing. Failures: {@code not_found}
     * for a conversation the sender is not in, an unknown or inactive recipient, an attachment that is not the
     * sender's, or a reply to a message outside the conversation; {@code validation_failed} for empty or
     * oversized content (text needs content; image and file need an attachment), or a message to oneself; and for
     * a voice message anything but exactly one {@code audio/*} attachment with a voice note of 1 ms to 15 minutes
     * and at most 128 waveform values from 0 to 1, or a duration that disagrees with the recording's own (by more
     * than a second where its container states one; beyond what its size can hold otherwise). A voice note on
     * any other type is {@code validation_failed} too. An end-to-end encrypted conversation takes only messages of
     * type encrypted ({@code encryption_required} otherwise, plaintext or not); an encrypted message needs 1 to
     * {@link Limits#ENVELOPES_MAX} envelopes, each keyed by a device id and holding a base64url body of at most
     * {@link Limits#ENVELOPE_BODY_MAX} characters, no content and no voice note ({@code validation_failed}
     * otherwise, as is an encrypted message to a conversation that is not encrypted). A first encrypted message to a
     * user creates their direct conversation encrypted.
     */
    Outcome<Sent> send(Command command);

    /**
     * {@link #send} without waiting for the store: checks the command on the calling thread, then returns a stage
     * that completes with the same outcome once the message is durable and published, on a thread of the store that
     * must not be blocked (an adapter answering a client only queues the answer). Messages sent one after another
     * by one thread are stored, and get their {@code seq}, in that order. A store failure completes the stage
     * exceptionally with {@code StoreException}; nothing was stored then.
     */
    CompletionStage<Outcome<Sent>> sendAsync(Command command);
}
