package io.messaging.core.model;

import java.util.Objects;

/**
 * What a push tells a browser about a new message, before encryption: the payload of the wire contract's
 * {@code new_message} push. {@code title} is the sender (direct) or the group; {@code body} is a short preview.
 */
public record PushNotification(
        ConversationId conversationId,
        MessageId messageId,
        long seq,
        UserId senderId,
        String senderName,
        String title,
        String body) {
    public PushNotification {
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(senderId, "senderId");
        Objects.requireNonNull(senderName, "senderName");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(body, "body");
    }

    /** The payload's {@code type}. */
    public String type() {
        return "new_message";
    }
}
