package io.messaging.core.port.in;

import io.messaging.core.model.AttachmentMeta;
import io.messaging.core.model.Outcome;
import io.messaging.core.model.UserId;
import java.io.InputStream;

/** Stores an uploaded file so that a message can refer to it. */
public interface UploadAttachment {

    /**
     * Streams {@code content} into the store (the caller closes it). Failures: {@code payload_too_large} over the
     * configured size; {@code unsupported_media_type} for a type that is not allowed.
     */
    Outcome<AttachmentMeta> upload(UserId uploaderId, String contentType, InputStream content);
}
