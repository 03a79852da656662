package io.messaging.core.model;

/** The opaque identifier of a conversation. */
public record ConversationId(String value) {
    /** Rejects anything but 1 to 64 characters of {@code [A-Za-z0-9_-]}. */
    public ConversationId {
        Ids.require(value, "conversationId");
    }

    /** Wraps a raw identifier, validating it. */
    public static ConversationId of(String value) {
        return new ConversationId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
