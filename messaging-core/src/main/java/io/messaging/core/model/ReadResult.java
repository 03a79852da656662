package io.messaging.core.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** What a mark-as-read changed in one conversation: the messages newly read, and when. */
public record ReadResult(ConversationId conversationId, List<MessageId> newlyRead, Instant readAt) {
    public ReadResult {
        Objects.requireNonNull(conversationId, "conversationId");
        newlyRead = List.copyOf(newlyRead);
        Objects.requireNonNull(readAt, "readAt");
    }

    /** How many messages were newly marked read. */
    public int updated() {
        return newlyRead.size();
    }
}
