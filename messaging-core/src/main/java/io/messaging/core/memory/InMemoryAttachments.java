package io.messaging.core.memory;

import io.messaging.core.model.AttachmentId;
import io.messaging.core.model.AttachmentMeta;
import io.messaging.core.model.NewAttachment;
import io.messaging.core.port.out.AttachmentBytes;
import io.messaging.core.port.out.Attachments;
import io.messaging.core.port.out.StoreException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Attachment bytes in memory (for embedding and tests; the server keeps them on disk). */
final class InMemoryAttachments implements Attachments {
    private record Stored(AttachmentMeta meta, byte[] bytes) {}

    private final Map<AttachmentId, Stored> byId = new ConcurrentHashMap<>();

    @Override
    public StoreOutcome store(NewAttachment attachment, InputStream content, long maxBytes) {
        var buffer = new ByteArrayOutputStream();
        try {
            if (AttachmentBytes.copyWithin(content, buffer, maxBytes) > maxBytes) {
                return new StoreOutcome.TooLarge(maxBytes);
            }
        } catch (IOException e) {
            throw new StoreException("could not read the upload", e);
        }
        byte[] bytes = buffer.toByteArray();
        var meta = attachment.toMeta(bytes.length);
        byId.put(attachment.id(), new Stored(meta, bytes));
        return new StoreOutcome.Stored(meta);
    }

    @Override
    public Optional<AttachmentMeta> find(AttachmentId id) {
        return Optional.ofNullable(byId.get(id)).map(Stored::meta);
    }

    @Override
    public Optional<InputStream> open(AttachmentId id, long offset) {
        AttachmentBytes.checkOffset(offset);
        return Optional.ofNullable(byId.get(id)).map(stored -> {
            int from = (int) Math.min(offset, stored.bytes().length);
            return new ByteArrayInputStream(stored.bytes(), from, stored.bytes().length - from);
        });
    }
}
