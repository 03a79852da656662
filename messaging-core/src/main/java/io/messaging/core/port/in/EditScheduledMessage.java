package io.messaging.core.port.in;

import io.messaging.core.model.Outcome;
import io.messaging.core.model.ScheduledMessage;
import io.messaging.core.model.ScheduledMessageId;
import io.messaging.core.model.UserId;
import java.time.Instant;
import java.util.Optional;

/** Changes the content or the send time of one's own scheduled message before it is sent. */
public interface EditScheduledMessage {

    /**
     * Replaces what is given. Failures: {@code not_found} when the message is not the user's own (whether or not
     * it exists); {@code conflict} once it is no longer {@code scheduled} or its sending has begun;
     * {@code validation_failed} for content a send would refuse or a {@code sendAt} not in the next year.
     */
    Outcome<ScheduledMessage> edit(
            UserId userId, ScheduledMessageId id, Optional<String> content, Optional<Instant> sendAt);
}
