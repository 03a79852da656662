package io.messaging.core.port.in;

import io.messaging.core.model.AttachmentId;
import io.messaging.core.model.AttachmentMeta;
import io.messaging.core.model.Outcome;
import io.messaging.core.model.UserId;
import java.io.InputStream;

/** Opens an attachment for its uploader or a participant of a conversation where it was sent. */
public interface DownloadAttachment {

    /** An open attachment; the caller closes {@code content}. */
    record Download(AttachmentMeta meta, InputStream content) {
    }

    /** Failures: {@code not_found} alike for an unknown attachment and one the user may not see. */
    Outcome<Download> open(UserId userId, AttachmentId attachmentId);
}
