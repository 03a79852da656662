package io.messaging.core.port.in;

import io.messaging.core.model.Conversation;
import io.messaging.core.model.Outcome;
import io.messaging.core.model.UserId;

/** Finds the direct conversation between the user and another user. */
public interface FindDirectConversation {

    /** Failures: {@code not_found} when the other user is unknown or they have not exchanged a message yet. */
    Outcome<Conversation> find(UserId userId, UserId otherUserId);
}
