package io.messaging.core.port.in;

import io.messaging.core.model.Conversation;
import io.messaging.core.model.ConversationId;
import io.messaging.core.model.Outcome;
import io.messaging.core.model.UserId;
import java.util.List;

/** Adds users to a group; any participant may add. New members see the history but none of it as unread. */
public interface AddParticipants {

    /**
     * Failures: {@code not_found} for a conversation the actor is not in; {@code forbidden} for a direct one;
     * {@code validation_failed} for unknown users, none given, or too many participants.
     */
    Outcome<Conversation> add(UserId actorId, ConversationId conversationId, List<UserId> userIds);
}
