package io.messaging.core.port.in;

import io.messaging.core.model.ConversationId;
import io.messaging.core.model.Done;
import io.messaging.core.model.Outcome;
import io.messaging.core.model.UserId;

/** Starts or stops a user's typing indicator in a conversation. */
public interface SetTyping {

    /**
     * Starting publishes only on the change (a repeated start just extends the expiry); stopping publishes only
     * if the user was typing. Failures: {@code not_found} for a conversation the user is not in.
     */
    Outcome<Done> set(UserId userId, ConversationId conversationId, boolean typing);
}
