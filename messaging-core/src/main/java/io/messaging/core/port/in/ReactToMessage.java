package io.messaging.core.port.in;

import io.messaging.core.model.Message;
import io.messaging.core.model.MessageId;
import io.messaging.core.model.Outcome;
import io.messaging.core.model.UserId;

/** Adds or removes the user's reaction (an emoji) on a message. */
public interface ReactToMessage {

    /**
     * Idempotent in both directions. Failures: {@code not_found} when the user cannot see the message;
     * {@code validation_failed} for an empty or oversized emoji; {@code conflict} for a deleted message.
     */
    Outcome<Message> react(UserId userId, MessageId messageId, String emoji, boolean present);
}
