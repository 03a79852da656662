package io.messaging.core.port.in;

import io.messaging.core.model.Conversation;
import io.messaging.core.model.ConversationId;
import io.messaging.core.model.Outcome;
import io.messaging.core.model.UserId;

/** Turns on end-to-end encryption in a conversation, for good. */
public interface EncryptConversation {

    /**
     * The conversation, encrypted from now on (already encrypted: unchanged); its participants are told
     * ({@code ConversationChanged}) when it changes. {@code not_found} for a conversation the caller is not in.
     */
    Outcome<Conversation> encrypt(UserId userId, ConversationId conversationId);
}
