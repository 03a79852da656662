package io.messaging.core.port.out;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** What every {@link Attachments} store does alike: copies an upload within its limit and checks an offset. */
public final class AttachmentBytes {
    private static final int CHUNK_BYTES = 64 * 1024;

    private AttachmentBytes() {}

    /**
     * Copies {@code content} to {@code out} in chunks (closing neither) and returns how many bytes were read; stops
     * as soon as that is more than {@code maxBytes}, without writing the chunk that went past it.
     */
    public static long copyWithin(InputStream content, OutputStream out, long maxBytes) throws IOException {
        byte[] chunk = new byte[CHUNK_BYTES];
        long size = 0;
        int read;
        while ((read = content.read(chunk)) != -1) {
            size += read;
            if (size > maxBytes) {
                return size;
            }
            out.write(chunk, 0, read);
        }
        return size;
    }

    /** Refuses a negative offset into the stored bytes, as {@link Attachments} asks of {@code open}. */
    public static void checkOffset(long offset) {
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative");
        }
    }
}
