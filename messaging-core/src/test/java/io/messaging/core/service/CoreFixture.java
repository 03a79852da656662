package io.messaging.core.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.messaging.core.Messaging;
import io.messaging.core.memory.ManualClock;
import io.messaging.core.memory.RecordingMailer;
import io.messaging.core.model.Attachment;
import io.messaging.core.model.Conversation;
import io.messaging.core.model.ConversationId;
import io.messaging.core.model.DomainEvent;
import io.messaging.core.model.ErrorCode;
import io.messaging.core.model.Message;
import io.messaging.core.model.MessageId;
import io.messaging.core.model.MessageType;
import io.messaging.core.model.Outcome;
import io.messaging.core.model.User;
import io.messaging.core.model.UserId;
import io.messaging.core.model.VoiceNote;
import io.messaging.core.platform.Pbkdf2PasswordHasher;
import io.messaging.core.port.in.CreateGroup;
import io.messaging.core.port.in.RegisterUser;
import io.messaging.core.port.in.SendMessage;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** A core on in-memory adapters with a hand-moved clock, recorded mails and recorded events. */
final class CoreFixture {
    final ManualClock clock = new ManualClock(Instant.parse("2026-11-24T09:00:00Z"));
    final RecordingMailer mailer = new RecordingMailer();
    final List<DomainEvent> events = new CopyOnWriteArrayList<>();
    final Messaging core;

    CoreFixture() {
        this(false);
    }

    CoreFixture(boolean activationRequired) {
        this(activationRequired, AttachmentPolicy.DEFAULT);
    }

    CoreFixture(boolean activationRequired, AttachmentPolicy policy) {
        core = Messaging.builder()
                .attachmentPolicy(policy)
                .clock(clock)
                .mailer(mailer)
                .passwordHasher(new Pbkdf2PasswordHasher(1))
                .activationRequired(activationRequired)
                .build();
        core.events().subscribe(events::add);
    }

    User register(String username) {
        return core.registerUser()
                .register(new RegisterUser.Command(
                        username, username + "@example.com", "password-" + username, Optional.empty()))
                .orElseThrow();
    }

    UserId user(String username) {
        return register(username).id();
    }

    static SendMessage.Command text(UserId sender, SendMessage.Target target, String content) {
        return text(sender, target, content, Optional.empty(), Optional.empty());
    }

    /** A text with a client message id, which makes its retries safe. */
    static SendMessage.Command retriable(
            UserId sender, SendMessage.Target target, String content, String clientMessageId) {
        return text(sender, target, content, Optional.of(clientMessageId), Optional.empty());
    }

    /** A text answering the message {@code replyToId}. */
    static SendMessage.Command reply(UserId sender, SendMessage.Target target, String content, MessageId replyToId) {
        return text(sender, target, content, Optional.empty(), Optional.of(replyToId));
    }

    private static SendMessage.Command text(
            UserId sender,
            SendMessage.Target target,
            String content,
            Optional<String> clientMessageId,
            Optional<MessageId> replyToId) {
        return new SendMessage.Command(
                sender, target, MessageType.TEXT, content, List.of(), clientMessageId, replyToId, Optional.empty());
    }

    /** A message of attachments and no text (an image, a file or, with its note, a voice message). */
    static SendMessage.Command attached(
            UserId sender,
            SendMessage.Target target,
            MessageType type,
            List<Attachment> attachments,
            Optional<VoiceNote> voice) {
        return new SendMessage.Command(
                sender, target, type, "", attachments, Optional.empty(), Optional.empty(), Optional.empty(), voice);
    }

    Message sendTo(UserId sender, UserId recipient, String content) {
        return core.sendMessage()
                .send(text(sender, new SendMessage.Target.ToUser(recipient), content))
                .orElseThrow()
                .message();
    }

    Message sendIn(UserId sender, ConversationId conversationId, String content) {
        return core.sendMessage()
                .send(text(sender, new SendMessage.Target.ToConversation(conversationId), content))
                .orElseThrow()
                .message();
    }

    Conversation group(UserId creator, UserId... others) {
        return core.createGroup()
                .create(new CreateGroup.Command(creator, "Team", List.of(others)))
                .orElseThrow();
    }

    <E extends DomainEvent> List<E> events(Class<E> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    static void assertFailure(ErrorCode expected, Outcome<?> outcome) {
        var failure =
                assertInstanceOf(Outcome.Failure.class, outcome, () -> "expected " + expected + " but got " + outcome);
        assertEquals(expected, failure.code(), failure::message);
    }
}
