package io.messaging.core.port.in;

import io.messaging.core.model.Message;
import io.messaging.core.model.MessageId;
import io.messaging.core.model.Outcome;
import io.messaging.core.model.UserId;

/** Soft-deletes one's own message: it stays in history as deleted, without content. */
public interface DeleteMessage {

    /** Idempotent. Failures: {@code not_found} when the user cannot see it; {@code forbidden} for another's. */
    Outcome<Message> delete(UserId userId, MessageId messageId);
}
