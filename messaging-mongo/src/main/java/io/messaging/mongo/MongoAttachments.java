package io.messaging.mongo;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.MongoException;
import com.mongodb.client.gridfs.GridFSBucket;
import com.mongodb.client.gridfs.GridFSDownloadStream;
import com.mongodb.client.gridfs.model.GridFSFile;
import com.mongodb.client.gridfs.model.GridFSUploadOptions;
import io.messaging.core.model.AttachmentId;
import io.messaging.core.model.AttachmentMeta;
import io.messaging.core.model.NewAttachment;
import io.messaging.core.model.UserId;
import io.messaging.core.port.out.AttachmentBytes;
import io.messaging.core.port.out.Attachments;
import io.messaging.core.port.out.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import org.bson.BsonString;
import org.bson.Document;

/** Attachment bytes in GridFS, streamed in chunks, with uploader and type in the file's metadata. */
final class MongoAttachments implements Attachments {
    private final GridFSBucket bucket;

    MongoAttachments(GridFSBucket bucket) {
        this.bucket = bucket;
    }

    @Override
    public StoreOutcome store(NewAttachment attachment, InputStream content, long maxBytes) {
        String id = attachment.id().value();
        var options = new GridFSUploadOptions()
                .metadata(new Document("uploaderId", attachment.uploaderId().value())
                        .append("contentType", attachment.contentType())
                        .append("createdAt", Docs.date(attachment.createdAt())));
        var upload = Guard.call("open upload", () -> bucket.openUploadStream(new BsonString(id), id, options));
        long size;
        try {
            size = AttachmentBytes.copyWithin(content, upload, maxBytes);
            if (size > maxBytes) {
                upload.abort();
                return new StoreOutcome.TooLarge(maxBytes);
            }
            upload.close();
        } catch (IOException | MongoException e) {
            try {
                upload.abort();
            } catch (MongoException ignored) {
                // nothing more can be undone here
            }
            throw new StoreException("could not store the upload", e);
        }
        return new StoreOutcome.Stored(attachment.toMeta(size));
    }

    @Override
    public Optional<AttachmentMeta> find(AttachmentId id) {
        return Guard.call(
                "find attachment",
                () -> Optional.ofNullable(bucket.find(eq("_id", id.value())).first())
                        .map(MongoAttachments::meta));
    }

    private static AttachmentMeta meta(GridFSFile file) {
        Document metadata = file.getMetadata();
        return new AttachmentMeta(
                AttachmentId.of(file.getId().asString().getValue()),
                UserId.of(metadata.getString("uploaderId")),
                metadata.getString("contentType"),
                file.getLength(),
                Docs.instant(metadata, "createdAt"));
    }

    @Override
    public Optional<InputStream> open(AttachmentId id, long offset) {
        AttachmentBytes.checkOffset(offset);
        if (find(id).isEmpty()) {
            return Optional.empty();
        }
        return Guard.call("open attachment", () -> {
            GridFSDownloadStream stream = bucket.openDownloadStream(new BsonString(id.value()));
            // skipping only moves the stream's position: the chunks before it are never fetched
            stream.skip(offset);
            return Optional.of(stream);
        });
    }
}
