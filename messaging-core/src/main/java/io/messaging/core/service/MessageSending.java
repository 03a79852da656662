package io.messaging.core.service;

import io.messaging.core.model.Attachment;
import io.messaging.core.model.Conversation;
import io.messaging.core.model.ConversationId;
import io.messaging.core.model.DomainEvent;
import io.messaging.core.model.ErrorCode;
import io.messaging.core.model.MessageId;
import io.messaging.core.model.MessageType;
import io.messaging.core.model.NewMessage;
import io.messaging.core.model.Outcome;
import io.messaging.core.model.UserAccount;
import io.messaging.core.model.UserId;
import io.messaging.core.port.in.Limits;
import io.messaging.core.port.in.SendMessage;
import io.messaging.core.port.out.Attachments;
import io.messaging.core.port.out.Messages;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Sends messages: validates, resolves the conversation, stores durably, then publishes. */
public final class MessageSending implements SendMessage {
    private final ConversationPorts ports;
    private final Attachments attachments;
    private final Membership membership;
    private final VoiceRules voiceRules;

    public MessageSending(ConversationPorts ports, Attachments attachments) {
        this.ports = ports;
        this.attachments = attachments;
        this.membership = new Membership(ports.conversations(), ports.messages());
        this.voiceRules = new VoiceRules(attachments);
    }

    @Override
    public Outcome<Sent> send(Command command) {
        return prepare(command)
                .flatMap(ready -> published(ready, ports.messages().append(ready.message())));
    }

    @Override
    public CompletionStage<Outcome<Sent>> sendAsync(Command command) {
        Outcome<Ready> prepared = prepare(command);
        if (!(prepared instanceof Outcome.Success<Ready> success)) {
            return CompletableFuture.completedFuture(((Outcome.Failure<Ready>) prepared).retyped());
        }
        Ready ready = success.value();
        return ports.messages().appendAsync(ready.message()).thenApply(appended -> published(ready, appended));
    }

    /** A checked message, ready for the store, and whom to tell once it is stored. */
    private record Ready(NewMessage message, Conversation conversation, Optional<String> originConnectionId) {}

    private Outcome<Ready> prepare(Command command) {
        if (command.type() == MessageType.ENCRYPTED && !command.content().isEmpty()) {
            return Outcome.fail(ErrorCode.ENCRYPTION_REQUIRED, "an encrypted message carries no content");
        }
        Optional<String> problem = validate(command);
        if (problem.isPresent()) {
            return Outcome.invalid(problem.get());
        }
        return resolveAttachments(command)
                .flatMap(resolved -> voiceRules
                        .checkRecording(command, resolved)
                        .flatMap(recordingOk -> conversationFor(command)
                                .flatMap(conversation -> checkEncryption(command, conversation))
                                .flatMap(conversation -> checkReply(command, conversation)
                                        .map(ignored -> ready(command, conversation, resolved)))));
    }

    static Optional<String> validate(Command command) {
        if (command.content().length() > Limits.CONTENT_MAX) {
            return Optional.of("content must be at most " + Limits.CONTENT_MAX + " characters");
        }
        if (command.type() == MessageType.TEXT && command.content().isBlank()) {
            return Optional.of("content must not be empty");
        }
        if (command.type() != MessageType.TEXT
                && command.type() != MessageType.ENCRYPTED
                && command.attachments().isEmpty()) {
            return Optional.of("a message of type " + command.type().wireName() + " needs an attachment");
        }
        if (command.attachments().size() > Limits.ATTACHMENTS_MAX) {
            return Optional.of("at most " + Limits.ATTACHMENTS_MAX + " attachments");
        }
        if (command.attachments().stream()
                .anyMatch(a -> a.name().map(String::length).orElse(0) > Limits.ATTACHMENT_NAME_MAX)) {
            return Optional.of("attachment name must be at most " + Limits.ATTACHMENT_NAME_MAX + " characters");
        }
        if (command.clientMessageId()
                .filter(id -> id.isBlank() || id.length() > Limits.CLIENT_MESSAGE_ID_MAX)
                .isPresent()) {
            return Optional.of("clientMessageId must be 1 to " + Limits.CLIENT_MESSAGE_ID_MAX + " characters");
        }
        if (command.target() instanceof Target.ToUser toUser
                && toUser.recipientId().equals(command.senderId())) {
            return Optional.of("cannot send a direct message to oneself");
        }
        if (command.type() == MessageType.ENCRYPTED) {
            return command.voice().isPresent()
                    ? Optional.of("an encrypted message carries its voice note inside its envelopes")
                    : KeyRules.envelopes(command.envelopes());
        }
        if (!command.envelopes().isEmpty()) {
            return Optional.of("envelopes are only for messages of type encrypted");
        }
        return VoiceRules.problem(command);
    }

    /** An encrypted conversation takes only encrypted messages, and only an encrypted one takes them. */
    private static Outcome<Conversation> checkEncryption(Command command, Conversation conversation) {
        boolean encryptedMessage = command.type() == MessageType.ENCRYPTED;
        if (conversation.encrypted() && !encryptedMessage) {
            return Outcome.fail(
                    ErrorCode.ENCRYPTION_REQUIRED,
                    "this conversation is end-to-end encrypted: send type encrypted with envelopes and no content");
        }
        if (!conversation.encrypted() && encryptedMessage) {
            return Outcome.invalid("this conversation is not encrypted; turn its encryption on first");
        }
        return Outcome.ok(conversation);
    }

    /** The attachments as the store knows them; only the sender's own uploads may be attached. */
    Outcome<List<Attachment>> resolveAttachments(Command command) {
        var resolved = new ArrayList<Attachment>();
        for (Attachment requested : command.attachments()) {
            var meta = attachments
                    .find(requested.id())
                    .filter(found -> found.uploaderId().equals(command.senderId()));
            if (meta.isEmpty()) {
                return Outcome.notFound("attachment");
            }
            resolved.add(new Attachment(
                    requested.id(), meta.get().contentType(), meta.get().size(), requested.name()));
        }
        return Outcome.ok(resolved);
    }

    private Outcome<Conversation> conversationFor(Command command) {
        if (command.target() instanceof Target.ToConversation toConversation) {
            return membership.conversation(command.senderId(), toConversation.conversationId());
        }
        UserId recipientId = ((Target.ToUser) command.target()).recipientId();
        var recipient =
                ports.users().findById(recipientId).map(UserAccount::user).filter(user -> user.active());
        if (recipient.isEmpty()) {
            return Outcome.notFound("recipient");
        }
        var existing = ports.conversations().findDirect(command.senderId(), recipientId);
        if (existing.isPresent()) {
            return Outcome.ok(existing.get());
        }
        var direct = Conversation.direct(
                ConversationId.of(ports.ids().newId()),
                command.senderId(),
                recipientId,
                ports.clock().now());
        // a first message that is encrypted starts the direct conversation encrypted
        var candidate = command.type() == MessageType.ENCRYPTED ? direct.withEncryption() : direct;
        Conversation stored = ports.conversations().insertDirectIfAbsent(candidate);
        if (stored.id().equals(candidate.id())) {
            ports.events().publish(new DomainEvent.ConversationChanged(stored, List.of()));
        }
        return Outcome.ok(stored);
    }

    private Outcome<Boolean> checkReply(Command command, Conversation conversation) {
        if (command.replyToId().isEmpty()) {
            return Outcome.ok(true);
        }
        boolean inConversation = ports.messages()
                .findById(command.replyToId().get())
                .filter(original -> original.conversationId().equals(conversation.id()))
                .isPresent();
        return inConversation ? Outcome.ok(true) : Outcome.notFound("replied-to message");
    }

    private Ready ready(Command command, Conversation conversation, List<Attachment> resolved) {
        Optional<UserId> recipientId = conversation.otherParticipant(command.senderId());
        var message = new NewMessage(
                MessageId.of(ports.ids().newId()),
                conversation.id(),
                command.senderId(),
                recipientId,
                command.type(),
                command.content(),
                resolved,
                command.clientMessageId(),
                command.replyToId(),
                ports.clock().now(),
                command.voice(),
                command.scheduledMessageId(),
                command.envelopes());
        return new Ready(message, conversation, command.originConnectionId());
    }

    /** Publishes a newly stored message; a retry of an earlier one publishes nothing. */
    private Outcome<Sent> published(Ready ready, Messages.AppendOutcome appended) {
        if (appended instanceof Messages.AppendOutcome.AlreadyStored) {
            if (!appended.message().conversationId().equals(ready.conversation().id())) {
                return Outcome.fail(
                        ErrorCode.CONFLICT, "this clientMessageId was already used in another conversation");
            }
            return Outcome.ok(new Sent(appended.message(), true));
        }
        ports.events()
                .publish(new DomainEvent.MessageCreated(
                        appended.message(), ready.conversation().participantIds(), ready.originConnectionId()));
        return Outcome.ok(new Sent(appended.message(), false));
    }
}
