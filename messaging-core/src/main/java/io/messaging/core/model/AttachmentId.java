package io.messaging.core.model;

/** The opaque identifier of a attachment. */
public record AttachmentId(String value) {
    /** Rejects anything but 1 to 64 characters of {@code [A-Za-z0-9_-]}. */
    public AttachmentId {
        Ids.require(value, "attachmentId");
    }

    /** Wraps a raw identifier, validating it. */
    public static AttachmentId of(String value) {
        return new AttachmentId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
