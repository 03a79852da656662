package io.messaging.core.model;

/** The opaque identifier of a scheduled message. */
public record ScheduledMessageId(String value) {
    /** Rejects anything but 1 to 64 characters of {@code [A-Za-z0-9_-]}. */
    public ScheduledMessageId {
        Ids.require(value, "scheduledMessageId");
    }

    /** Wraps a raw identifier, validating it. */
    public static ScheduledMessageId of(String value) {
        return new ScheduledMessageId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
