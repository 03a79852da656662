package io.messaging.core.port.in;

import io.messaging.core.model.Conversation;
import io.messaging.core.model.ConversationId;
import io.messaging.core.model.Outcome;
import io.messaging.core.model.UserId;

/** A user leaves a group, or its creator removes someone. */
public interface RemoveParticipant {

    /**
     * Failures: {@code not_found} for a conversation the actor is not in, or a target who is not in it;
     * {@code forbidden} when the actor is neither the target nor the creator, or the conversation is direct.
     */
    Outcome<Conversation> remove(UserId actorId, ConversationId conversationId, UserId targetId);
}
