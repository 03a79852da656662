package io.messaging.core.service;

import io.messaging.core.model.DomainEvent;
import io.messaging.core.model.ErrorCode;
import io.messaging.core.model.Message;
import io.messaging.core.model.MessageId;
import io.messaging.core.model.Outcome;
import io.messaging.core.model.UserId;
import io.messaging.core.port.in.DeleteMessage;
import io.messaging.core.port.in.EditMessage;
import io.messaging.core.port.in.Limits;
import io.messaging.core.port.in.ReactToMessage;
import io.messaging.core.port.out.Clock;
import io.messaging.core.port.out.Conversations;
import io.messaging.core.port.out.EventBus;
import io.messaging.core.port.out.Messages;
import java.util.List;

/** Edits, deletes and reacts to stored messages, and tells the conversation. */
public final class MessageEditing implements EditMessage, DeleteMessage, ReactToMessage {
    private final Messages messages;
    private final Membership membership;
    private final EventBus events;
    private final Clock clock;

    public MessageEditing(Conversations conversations, Messages messages, EventBus events, Clock clock) {
        this.messages = messages;
        this.membership = new Membership(conversations, messages);
        this.events = events;
        this.clock = clock;
    }

    @Override
    public Outcome<Message> edit(UserId editorId, MessageId messageId, String content) {
        var problem = Validation.text(content, "content", Limits.CONTENT_MAX);
        if (problem.isPresent()) {
            return Outcome.invalid(problem.get());
        }
        return ownLiveMessage(editorId, messageId).flatMap(visible -> {
            if (visible.message().encrypted()) {
                return Outcome.fail(
                        ErrorCode.CONFLICT, "an encrypted message cannot be edited; send a new message instead");
            }
            if (visible.conversation().encrypted()) {
                return Outcome.fail(
                        ErrorCode.ENCRYPTION_REQUIRED,
                        "this conversation is end-to-end encrypted: an edit would put plaintext into it");
            }
            var edited = messages.edit(messageId, content, clock.now());
            if (edited.isEmpty()) {
                return Outcome.notFound("message");
            }
            events.publish(new DomainEvent.MessageUpdated(
                    edited.get(), visible.conversation().participantIds()));
            return Outcome.ok(edited.get());
        });
    }

    @Override
    public Outcome<Message> delete(UserId userId, MessageId messageId) {
        return membership.message(userId, messageId).flatMap(visible -> {
            if (!visible.message().senderId().equals(userId)) {
                return Outcome.fail(ErrorCode.FORBIDDEN, "only the sender may delete a message");
            }
            if (visible.message().deleted()) {
                return Outcome.ok(visible.message());
            }
            var deleted = messages.softDelete(messageId, clock.now());
            if (deleted.isEmpty()) {
                return Outcome.notFound("message");
            }
            events.publish(new DomainEvent.MessageDeleted(
                    visible.conversation().id(),
                    messageId,
                    visible.conversation().participantIds()));
            return Outcome.ok(deleted.get());
        });
    }

    @Override
    public Outcome<Message> react(UserId userId, MessageId messageId, String emoji, boolean present) {
        String trimmed = emoji.strip();
        if (trimmed.isEmpty()
                || trimmed.length() > Limits.EMOJI_MAX
                || trimmed.chars().anyMatch(Character::isWhitespace)) {
            return Outcome.invalid("emoji must be 1 to " + Limits.EMOJI_MAX + " characters without spaces");
        }
        return membership.message(userId, messageId).flatMap(visible -> {
            if (visible.message().deleted()) {
                return Outcome.fail(ErrorCode.CONFLICT, "the message is deleted");
            }
            boolean has = visible.message()
                    .reactions()
                    .getOrDefault(trimmed, List.of())
                    .contains(userId);
            if (has == present) {
                return Outcome.ok(visible.message());
            }
            var updated = messages.setReaction(messageId, trimmed, userId, present);
            if (updated.isEmpty()) {
                return Outcome.notFound("message");
            }
            events.publish(new DomainEvent.MessageUpdated(
                    updated.get(), visible.conversation().participantIds()));
            return Outcome.ok(updated.get());
        });
    }

    private Outcome<Membership.Visible> ownLiveMessage(UserId userId, MessageId messageId) {
        return membership.message(userId, messageId).flatMap(visible -> {
            if (!visible.message().senderId().equals(userId)) {
                return Outcome.fail(ErrorCode.FORBIDDEN, "only the sender may edit a message");
            }
            if (visible.message().deleted()) {
                return Outcome.fail(ErrorCode.CONFLICT, "the message is deleted");
            }
            return Outcome.ok(visible);
        });
    }
}
