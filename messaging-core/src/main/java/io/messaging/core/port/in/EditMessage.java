package io.messaging.core.port.in;

import io.messaging.core.model.Message;
import io.messaging.core.model.MessageId;
import io.messaging.core.model.Outcome;
import io.messaging.core.model.UserId;

/** Changes the content of one's own message. */
public interface EditMessage {

    /**
     * Failures: {@code not_found} when the editor cannot see the message; {@code forbidden} for another's message;
     * {@code conflict} for a deleted message; {@code validation_failed} for empty or oversized content.
     */
    Outcome<Message> edit(UserId editorId, MessageId messageId, String content);
}
