package io.messaging.core.service;

import io.messaging.core.model.Conversation;
import io.messaging.core.model.ConversationId;
import io.messaging.core.model.Message;
import io.messaging.core.model.MessageId;
import io.messaging.core.model.Outcome;
import io.messaging.core.model.UserId;
import io.messaging.core.port.out.Conversations;
import io.messaging.core.port.out.Messages;

/** The one place that decides whether a user may see a conversation or a message: non-members learn nothing. */
final class Membership {
    private final Conversations conversations;
    private final Messages messages;

    Membership(Conversations conversations, Messages messages) {
        this.conversations = conversations;
        this.messages = messages;
    }

    /** The conversation, if the user takes part in it; {@code not_found} otherwise, whether or not it exists. */
    Outcome<Conversation> conversation(UserId userId, ConversationId conversationId) {
        return conversations
                .findById(conversationId)
                .filter(conversation -> conversation.hasParticipant(userId))
                .<Outcome<Conversation>>map(Outcome::ok)
                .orElseGet(() -> Outcome.notFound("conversation"));
    }

    /** The message and its conversation, if the user takes part in that conversation. */
    Outcome<Visible> message(UserId userId, MessageId messageId) {
        var message = messages.findById(messageId);
        if (message.isEmpty()) {
            return Outcome.notFound("message");
        }
        return conversations
                .findById(message.get().conversationId())
                .filter(conversation -> conversation.hasParticipant(userId))
                .<Outcome<Visible>>map(conversation -> Outcome.ok(new Visible(message.get(), conversation)))
                .orElseGet(() -> Outcome.notFound("message"));
    }

    /** A message together with the conversation it is in. */
    record Visible(Message message, Conversation conversation) {}
}
