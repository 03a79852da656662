package io.messaging.core.port.in;

import io.messaging.core.model.Conversation;
import io.messaging.core.model.ConversationId;
import io.messaging.core.model.Outcome;
import io.messaging.core.model.UserId;

/** Shows a conversation to one of its participants (also the membership check for joining it live). */
public interface ViewConversation {

    /** Failures: {@code not_found} whether the conversation is unknown or the viewer is not in it. */
    Outcome<Conversation> view(UserId viewerId, ConversationId conversationId);
}
