package io.messaging.core.model;

import java.util.Objects;
import java.util.Optional;

/** A reference from a message to an uploaded file. */
public record Attachment(AttachmentId id, String contentType, long size, Optional<String> name) {
    public Attachment {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(name, "name");
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative");
        }
    }
}
