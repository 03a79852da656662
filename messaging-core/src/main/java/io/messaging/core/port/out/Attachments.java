package io.messaging.core.port.out;

import io.messaging.core.model.AttachmentId;
import io.messaging.core.model.AttachmentMeta;
import io.messaging.core.model.NewAttachment;
import java.io.InputStream;
import java.util.Optional;

/**
 * The store of attachment bytes. Content is streamed in and out, never held whole in memory by the store.
 * Thread-safe; throws {@link StoreException} on I/O failure.
 */
public interface Attachments {

    /** Outcome of storing an upload. */
    sealed interface StoreOutcome {
        /** The bytes are stored. */
        record Stored(AttachmentMeta meta) implements StoreOutcome {}

        /** The content exceeded the limit; nothing was kept. */
        record TooLarge(long maxBytes) implements StoreOutcome {}
    }

    /**
     * Reads {@code content} to its end (not closing it) and stores it under the attachment's id; stops and keeps
     * nothing as soon as more than {@code maxBytes} were read.
     */
    StoreOutcome store(NewAttachment attachment, InputStream content, long maxBytes);

    Optional<AttachmentMeta> find(AttachmentId id);

    /** A fresh stream of the stored bytes, which the caller closes; empty if unknown. */
    default Optional<InputStream> open(AttachmentId id) {
        return open(id, 0);
    }

    /**
     * A fresh stream of the stored bytes from {@code offset} on (not negative; at or past the end the stream is
     * empty), which the caller closes; empty if unknown. The bytes before {@code offset} are skipped without being
     * read where the store can (a file is positioned, GridFS starts at the right chunk), so serving the end of a
     * large attachment costs no more than serving its start.
     */
    Optional<InputStream> open(AttachmentId id, long offset);
}
