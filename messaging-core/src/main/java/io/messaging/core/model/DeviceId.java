package io.messaging.core.model;

/** The identifier a client chose for one of its user's devices; unique across all users. */
public record DeviceId(String value) {
    /** Rejects anything but 1 to 64 characters of {@code [A-Za-z0-9_-]}. */
    public DeviceId {
        Ids.require(value, "deviceId");
    }

    /** Wraps a raw identifier, validating it. */
    public static DeviceId of(String value) {
        return new DeviceId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
