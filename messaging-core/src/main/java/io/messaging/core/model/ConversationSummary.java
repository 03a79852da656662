package io.messaging.core.model;

import java.util.Objects;
import java.util.Optional;

/** A conversation as a list shows it: with its last message and the viewer's unread count. */
public record ConversationSummary(Conversation conversation, Optional<Message> lastMessage, long unreadCount) {
    public ConversationSummary {
        Objects.requireNonNull(conversation, "conversation");
        Objects.requireNonNull(lastMessage, "lastMessage");
    }
}
