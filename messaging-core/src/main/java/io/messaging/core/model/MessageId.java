package io.messaging.core.model;

/** The opaque identifier of a message. */
public record MessageId(String value) {
    /** Rejects anything but 1 to 64 characters of {@code [A-Za-z0-9_-]}. */
    public MessageId {
        Ids.require(value, "messageId");
    }

    /** Wraps a raw identifier, validating it. */
    public static MessageId of(String value) {
        return new MessageId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
