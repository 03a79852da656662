package io.messaging.core.model;

/** The opaque identifier of a user. */
public record UserId(String value) {
    /** Rejects anything but 1 to 64 characters of {@code [A-Za-z0-9_-]}. */
    public UserId {
        Ids.require(value, "userId");
    }

    /** Wraps a raw identifier, validating it. */
    public static UserId of(String value) {
        return new UserId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
