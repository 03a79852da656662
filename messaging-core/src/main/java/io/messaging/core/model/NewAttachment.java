package io.messaging.core.model;

import java.time.Instant;
import java.util.Objects;

/** An upload about to be stored: what the store keeps of it but its size, which the store counts as it reads. */
public record NewAttachment(AttachmentId id, UserId uploaderId, String contentType, Instant createdAt) {
    public NewAttachment {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(uploaderId, "uploaderId");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** What the store knows of this upload once it has kept {@code size} bytes of it. */
    public AttachmentMeta toMeta(long size) {
        return new AttachmentMeta(id, uploaderId, contentType, size, createdAt);
    }
}
