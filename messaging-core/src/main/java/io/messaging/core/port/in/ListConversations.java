package io.messaging.core.port.in;

import io.messaging.core.model.ConversationSummary;
import io.messaging.core.model.Outcome;
import io.messaging.core.model.Page;
import io.messaging.core.model.UserId;
import java.util.Optional;

/** Lists a user's conversations, most recent activity first, with last message and unread count. */
public interface ListConversations {

    /** Limit clamped to 1..100. Failures: {@code validation_failed} for a bad cursor. */
    Outcome<Page<ConversationSummary>> list(UserId userId, int limit, Optional<String> cursor);
}
