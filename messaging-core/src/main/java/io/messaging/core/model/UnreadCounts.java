package io.messaging.core.model;

import java.util.Map;

/** A user's unread messages: in total and per conversation (conversations with none left out). */
public record UnreadCounts(long total, Map<ConversationId, Long> perConversation) {
    public UnreadCounts {
        perConversation = Map.copyOf(perConversation);
    }
}
