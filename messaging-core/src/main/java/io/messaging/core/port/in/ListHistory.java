package io.messaging.core.port.in;

import io.messaging.core.model.ConversationId;
import io.messaging.core.model.Message;
import io.messaging.core.model.Outcome;
import io.messaging.core.model.Page;
import io.messaging.core.model.UserId;
import java.util.Objects;
import java.util.Optional;

/** Pages through a conversation's messages. */
public interface ListHistory {

    /**
     * A page request. Without {@code afterSeq}: newest first, older than {@code before} (the opaque
     * {@code nextCursor} of the previous page) if given. With {@code afterSeq}: the messages after that seq,
     * oldest first, for gap-free catch-up. {@code limit} is clamped to 1..100.
     */
    record Query(
            UserId viewerId,
            ConversationId conversationId,
            int limit,
            Optional<String> before,
            Optional<Long> afterSeq) {
        public Query {
            Objects.requireNonNull(viewerId, "viewerId");
            Objects.requireNonNull(conversationId, "conversationId");
            Objects.requireNonNull(before, "before");
            Objects.requireNonNull(afterSeq, "afterSeq");
        }
    }

    /**
     * The page and the cursor of the next one (absent at the end). Failures: {@code not_found} for a conversation
     * the viewer is not in; {@code validation_failed} for a bad cursor or both directions at once.
     */
    Outcome<Page<Message>> list(Query query);
}
