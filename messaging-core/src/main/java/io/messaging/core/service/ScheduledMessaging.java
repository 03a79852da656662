package io.messaging.core.service;

import io.messaging.core.model.Attachment;
import io.messaging.core.model.Conversation;
import io.messaging.core.model.ConversationId;
import io.messaging.core.model.DomainEvent;
import io.messaging.core.model.ErrorCode;
import io.messaging.core.model.MessageType;
import io.messaging.core.model.Outcome;
import io.messaging.core.model.ScheduledMessage;
import io.messaging.core.model.ScheduledMessageId;
import io.messaging.core.model.ScheduledStatus;
import io.messaging.core.model.UserAccount;
import io.messaging.core.model.UserId;
import io.messaging.core.port.in.CancelScheduledMessage;
import io.messaging.core.port.in.EditScheduledMessage;
import io.messaging.core.port.in.ListScheduledMessages;
import io.messaging.core.port.in.ScheduleMessage;
import io.messaging.core.port.in.SendMessage;
import io.messaging.core.port.out.ScheduledMessages;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Schedules, lists, edits and cancels one's own scheduled messages. A message is checked by the rules of a send
 * when it is scheduled (and again when it is sent); only its author ever sees it before then.
 */
public final class ScheduledMessaging
        implements ScheduleMessage, ListScheduledMessages, EditScheduledMessage, CancelScheduledMessage {
    /** How far ahead a message may be scheduled. */
    public static final Duration HORIZON = Duration.ofDays(365);

    private final ConversationPorts ports;
    private final Membership membership;
    private final MessageSending sending;
    private final ScheduledMessages scheduled;

    public ScheduledMessaging(ConversationPorts ports, MessageSending sending, ScheduledMessages scheduled) {
        this.ports = ports;
        this.membership = new Membership(ports.conversations(), ports.messages());
        this.sending = sending;
        this.scheduled = scheduled;
    }

    @Override
    public Outcome<Scheduled> schedule(Command command) {
        SendMessage.Command message = command.message();
        Instant sendAt = command.sendAt().truncatedTo(ChronoUnit.MILLIS);
        if (message.type() == MessageType.VOICE || message.voice().isPresent()) {
            return Outcome.invalid("voice messages cannot be scheduled");
        }
        if (message.type() == MessageType.ENCRYPTED) {
            return Outcome.fail(ErrorCode.ENCRYPTION_REQUIRED, "encrypted messages cannot be scheduled");
        }
        Optional<String> problem = checkSendAt(sendAt).or(() -> MessageSending.validate(message));
        if (problem.isPresent()) {
            return Outcome.invalid(problem.get());
        }
        return sending.resolveAttachments(message)
                .flatMap(attachments -> conversationOf(message)
                        .flatMap(this::refuseEncrypted)
                        .flatMap(conversationId -> checkReply(message, conversationId))
                        .map(ignored -> store(message, attachments, sendAt)));
    }

    private Optional<String> checkSendAt(Instant sendAt) {
        Instant now = ports.clock().now();
        if (!sendAt.isAfter(now)) {
            return Optional.of("sendAt must be in the future");
        }
        if (sendAt.isAfter(now.plus(HORIZON))) {
            return Optional.of("sendAt must be at most a year ahead");
        }
        return Optional.empty();
    }

    /** The conversation the message would go to, if it exists yet (a first direct message creates it). */
    private Outcome<Optional<ConversationId>> conversationOf(SendMessage.Command message) {
        if (message.target() instanceof SendMessage.Target.ToConversation to) {
            return membership
                    .conversation(message.senderId(), to.conversationId())
                    .map(conversation -> Optional.of(conversation.id()));
        }
        UserId recipientId = ((SendMessage.Target.ToUser) message.target()).recipientId();
        if (ports.users()
                .findById(recipientId)
                .map(UserAccount::user)
                .filter(user -> user.active())
                .isEmpty()) {
            return Outcome.notFound("recipient");
        }
        return Outcome.ok(ports.conversations()
                .findDirect(message.senderId(), recipientId)
                .map(c -> c.id()));
    }

    /** Scheduled messages are held by the server until their time, so an encrypted conversation takes none. */
    private Outcome<Optional<ConversationId>> refuseEncrypted(Optional<ConversationId> conversationId) {
        boolean encrypted = conversationId
                .flatMap(ports.conversations()::findById)
                .filter(Conversation::encrypted)
                .isPresent();
        return encrypted
                ? Outcome.fail(
                        ErrorCode.ENCRYPTION_REQUIRED,
                        "messages cannot be scheduled in an end-to-end encrypted conversation")
                : Outcome.ok(conversationId);
    }

    private Outcome<Boolean> checkReply(SendMessage.Command message, Optional<ConversationId> conversationId) {
        if (message.replyToId().isEmpty()) {
            return Outcome.ok(true);
        }
        boolean inConversation = conversationId.isPresent()
                && ports.messages()
                        .findById(message.replyToId().get())
                        .filter(original -> original.conversationId().equals(conversationId.get()))
                        .isPresent();
        return inConversation ? Outcome.ok(true) : Outcome.notFound("replied-to message");
    }

    private Scheduled store(SendMessage.Command message, List<Attachment> attachments, Instant sendAt) {
        Optional<ConversationId> toConversation = message.target() instanceof SendMessage.Target.ToConversation to
                ? Optional.of(to.conversationId())
                : Optional.empty();
        Optional<UserId> toUser = message.target() instanceof SendMessage.Target.ToUser to
                ? Optional.of(to.recipientId())
                : Optional.empty();
        var candidate = new ScheduledMessage(
                ScheduledMessageId.of(ports.ids().newId()),
                message.senderId(),
                toConversation,
                toUser,
                message.type(),
                message.content(),
                attachments,
                message.clientMessageId(),
                message.replyToId(),
                sendAt,
                ScheduledStatus.SCHEDULED,
                Optional.empty(),
                Optional.empty(),
                ports.clock().now());
        ScheduledMessage stored = scheduled.insert(candidate);
        boolean duplicate = !stored.id().equals(candidate.id());
        if (!duplicate) {
            ports.events().publish(new DomainEvent.ScheduledMessageChanged(stored));
        }
        return new Scheduled(stored, duplicate);
    }

    @Override
    public Outcome<List<ScheduledMessage>> list(UserId userId, Set<ScheduledStatus> statuses) {
        return Outcome.ok(scheduled.listBySender(userId, statuses));
    }

    @Override
    public Outcome<ScheduledMessage> edit(
            UserId userId, ScheduledMessageId id, Optional<String> content, Optional<Instant> sendAt) {
        return own(userId, id).flatMap(current -> {
            String newContent = content.orElse(current.content());
            Instant newSendAt =
                    sendAt.map(at -> at.truncatedTo(ChronoUnit.MILLIS)).orElse(current.sendAt());
            Optional<String> problem = sendAt.isPresent() ? checkSendAt(newSendAt) : Optional.empty();
            problem = problem.or(() -> MessageSending.validate(asSend(current, newContent)));
            if (problem.isPresent()) {
                return Outcome.invalid(problem.get());
            }
            return changed(scheduled.reschedule(id, newContent, newSendAt));
        });
    }

    @Override
    public Outcome<ScheduledMessage> cancel(UserId userId, ScheduledMessageId id) {
        return own(userId, id).flatMap(current -> changed(scheduled.cancel(id)));
    }

    /** The user's own scheduled message, still changeable; anyone else's is not found. */
    private Outcome<ScheduledMessage> own(UserId userId, ScheduledMessageId id) {
        var found = scheduled.findById(id).filter(message -> message.senderId().equals(userId));
        if (found.isEmpty()) {
            return Outcome.notFound("scheduled message");
        }
        if (found.get().status() != ScheduledStatus.SCHEDULED) {
            return notChangeable();
        }
        return Outcome.ok(found.get());
    }

    private Outcome<ScheduledMessage> changed(Optional<ScheduledMessage> result) {
        if (result.isEmpty()) {
            return notChangeable();
        }
        ports.events().publish(new DomainEvent.ScheduledMessageChanged(result.get()));
        return Outcome.ok(result.get());
    }

    private static Outcome<ScheduledMessage> notChangeable() {
        return Outcome.fail(
                ErrorCode.CONFLICT, "the scheduled message is already being sent, sent, failed or " + "cancelled");
    }

    /** The send a scheduled message becomes, with the given content. */
    static SendMessage.Command asSend(ScheduledMessage message, String content) {
        SendMessage.Target target = message.conversationId()
                .<SendMessage.Target>map(SendMessage.Target.ToConversation::new)
                .orElseGet(() ->
                        new SendMessage.Target.ToUser(message.recipientId().orElseThrow()));
        return new SendMessage.Command(
                message.senderId(),
                target,
                message.type(),
                content,
                message.attachments(),
                Optional.of(message.sendingKey()),
                message.replyToId(),
                Optional.empty(),
                Optional.empty(),
                Optional.of(message.id()),
                Map.of());
    }
}
