package io.messaging.core.model;

import java.time.Instant;
import java.util.Objects;

/** What the attachment store knows of an uploaded file. */
public record AttachmentMeta(AttachmentId id, UserId uploaderId, String contentType, long size, Instant createdAt) {
    public AttachmentMeta {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(uploaderId, "uploaderId");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
