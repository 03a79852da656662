package io.messaging.sqlite;

import io.messaging.core.model.AttachmentId;
import io.messaging.core.model.AttachmentMeta;
import io.messaging.core.model.NewAttachment;
import io.messaging.core.model.UserId;
import io.messaging.core.port.out.AttachmentBytes;
import io.messaging.core.port.out.Attachments;
import io.messaging.core.port.out.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;

/** Attachment bytes as files under the data directory, their metadata in the database. */
final class SqliteAttachments implements Attachments {
    private final Database db;
    private final Path directory;

    SqliteAttachments(Database db, Path directory) {
        this.db = db;
        this.directory = directory;
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new StoreException("cannot create " + directory, e);
        }
    }

    @Override
    public StoreOutcome store(NewAttachment attachment, InputStream content, long maxBytes) {
        String id = attachment.id().value();
        Path target = directory.resolve(id);
        Path temp = directory.resolve(id + ".part");
        long size;
        try (FileChannel channel = FileChannel.open(
                        temp,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING);
                OutputStream out = Channels.newOutputStream(channel)) {
            size = AttachmentBytes.copyWithin(content, out, maxBytes);
            out.flush();
            channel.force(true);
        } catch (IOException e) {
            deleteQuietly(temp);
            throw new StoreException("could not store the upload", e);
        }
        if (size > maxBytes) {
            deleteQuietly(temp);
            return new StoreOutcome.TooLarge(maxBytes);
        }
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            deleteQuietly(temp);
            throw new StoreException("could not store the upload", e);
        }
        var meta = attachment.toMeta(size);
        db.write(connection -> {
            try (var statement = Rows.bind(
                    connection.prepareStatement("INSERT INTO attachments (id, uploader_id, "
                            + "content_type, size, created_at) VALUES (?, ?, ?, ?, ?)"),
                    id,
                    meta.uploaderId().value(),
                    meta.contentType(),
                    meta.size(),
                    meta.createdAt())) {
                return statement.executeUpdate();
            }
        });
        return new StoreOutcome.Stored(meta);
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // a leftover part file is overwritten by the next upload with the same id and never served
        }
    }

    @Override
    public Optional<AttachmentMeta> find(AttachmentId id) {
        return db.read(connection -> {
            try (var statement = Rows.bind(
                            connection.prepareStatement("SELECT uploader_id, content_type, size, "
                                    + "created_at FROM attachments WHERE id = ?"),
                            id.value());
                    var rows = statement.executeQuery()) {
                if (!rows.next()) {
                    return Optional.<AttachmentMeta>empty();
                }
                return Optional.of(new AttachmentMeta(
                        id,
                        UserId.of(rows.getString(1)),
                        rows.getString(2),
                        rows.getLong(3),
                        Instant.ofEpochMilli(rows.getLong(4))));
            }
        });
    }

    @Override
    public Optional<InputStream> open(AttachmentId id, long offset) {
        AttachmentBytes.checkOffset(offset);
        if (find(id).isEmpty()) {
            return Optional.empty();
        }
        try {
            FileChannel channel = FileChannel.open(directory.resolve(id.value()), StandardOpenOption.READ);
            channel.position(offset);
            return Optional.of(Channels.newInputStream(channel));
        } catch (IOException e) {
            throw new StoreException("could not read attachment " + id, e);
        }
    }
}
