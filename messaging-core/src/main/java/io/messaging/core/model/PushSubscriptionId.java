package io.messaging.core.model;

/** The opaque identifier of a Web Push subscription. */
public record PushSubscriptionId(String value) {
    /** Rejects anything but 1 to 64 characters of {@code [A-Za-z0-9_-]}. */
    public PushSubscriptionId {
        Ids.require(value, "pushSubscriptionId");
    }

    /** Wraps a raw identifier, validating it. */
    public static PushSubscriptionId of(String value) {
        return new PushSubscriptionId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
