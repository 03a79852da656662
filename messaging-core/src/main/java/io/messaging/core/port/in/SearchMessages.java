package io.messaging.core.port.in;

import io.messaging.core.model.ConversationId;
import io.messaging.core.model.Message;
import io.messaging.core.model.Outcome;
import io.messaging.core.model.Page;
import io.messaging.core.model.UserId;
import java.util.Objects;
import java.util.Optional;

/** Full-text search in the user's own conversations only. */
public interface SearchMessages {

    /** The words to find, optionally in one conversation, with paging. */
    record Query(
            UserId userId, String text, Optional<ConversationId> conversationId, int limit, Optional<String> cursor) {
        public Query {
            Objects.requireNonNull(userId, "userId");
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(conversationId, "conversationId");
            Objects.requireNonNull(cursor, "cursor");
        }
    }

    /**
     * Matches, newest first. Failures: {@code validation_failed} for an empty query or bad cursor;
     * {@code not_found} for a conversation the user is not in.
     */
    Outcome<Page<Message>> search(Query query);
}
