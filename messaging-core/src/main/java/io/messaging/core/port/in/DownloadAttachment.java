package io.messaging.core.port.in;

import io.messaging.core.model.AttachmentId;
import io.messaging.core.model.AttachmentMeta;
import io.messaging.core.model.Outcome;
import io.messaging.core.model.UserId;
import java.io.InputStream;

/** Opens an attachment for its uploader or a participant of a conversation where it was sent. */
public interface DownloadAttachment {

    /** Opens the bytes of an attachment from an offset (see {@code Attachments.open}); the caller closes them. */
    @FunctionalInterface
    interface Content {
        InputStream from(long offset);
    }

    /** An attachment the user may read: what it is, and its bytes, opened only when asked for. */
    record Download(AttachmentMeta meta, Content bytes) {
        /** All the bytes; the caller closes the stream. */
        public InputStream content() {
            return bytes.from(0);
        }
    }

    /** Failures: {@code not_found} alike for an unknown attachment and one the user may not see. */
    Outcome<Download> open(UserId userId, AttachmentId attachmentId);
}
