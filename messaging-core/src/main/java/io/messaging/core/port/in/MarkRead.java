package io.messaging.core.port.in;

import io.messaging.core.model.ConversationId;
import io.messaging.core.model.MessageId;
import io.messaging.core.model.Outcome;
import io.messaging.core.model.ReadResult;
import io.messaging.core.model.UserId;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Records that a user read messages, and tells the participants. */
public interface MarkRead {

    /**
     * Marks the given messages read (one result per conversation touched). Failures: {@code not_found} if any of
     * them is unknown or in a conversation the reader is not in (then nothing is marked).
     */
    Outcome<List<ReadResult>> markMessages(UserId readerId, Collection<MessageId> messageIds);

    /**
     * Marks everything up to a message (inclusive), or the whole conversation. Failures: {@code not_found} for a
     * conversation the reader is not in, or an up-to message outside it.
     */
    Outcome<ReadResult> markConversation(
            UserId readerId, ConversationId conversationId, Optional<MessageId> upToMessageId);
}
