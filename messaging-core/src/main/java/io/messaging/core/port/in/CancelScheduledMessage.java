package io.messaging.core.port.in;

import io.messaging.core.model.Outcome;
import io.messaging.core.model.ScheduledMessage;
import io.messaging.core.model.ScheduledMessageId;
import io.messaging.core.model.UserId;

/** Cancels one's own scheduled message, so it is never sent. */
public interface CancelScheduledMessage {

    /**
     * Failures: {@code not_found} when the message is not the user's own (whether or not it exists);
     * {@code conflict} once it is no longer {@code scheduled} or its sending has begun.
     */
    Outcome<ScheduledMessage> cancel(UserId userId, ScheduledMessageId id);
}
