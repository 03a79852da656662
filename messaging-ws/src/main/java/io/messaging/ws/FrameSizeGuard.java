package io.messaging.ws;

import java.nio.ByteBuffer;
import org.glassfish.tyrus.spi.ReadHandler;

/**
 * Reads the headers of a connection's incoming WebSocket frames before Tyrus does, and stops a message whose
 * declared size is over the limit as soon as its header arrives, so it is closed with 1009 (message too big)
 * instead of Tyrus's 1011 once its buffer overflows. The frames before it still reach Tyrus. The oversized frame's
 * own bytes, up to {@link #READ_AWAY_LIMIT}, are read and dropped before the close, so the client is not still
 * sending when the connection closes (which would reset it before it reads the 1009). Called by one reading thread
 * at a time, as Tyrus reads.
 */
final class FrameSizeGuard implements ReadHandler {
    /** The most bytes of an oversized frame read away before closing; a larger one is closed at its header. */
    static final long READ_AWAY_LIMIT = 8L * 1024 * 1024;

    private static final int CONTINUATION = 0x0;
    private static final int CONTROL = 0x8;

    private final ReadHandler delegate;
    private final long maxMessageBytes;
    private final Runnable tooBig;
    private final byte[] header = new byte[14];
    private int headerLength;
    private long payloadLeft;
    private long messageBytes;
    private boolean tripped;
    private boolean closed;

    FrameSizeGuard(ReadHandler delegate, long maxMessageBytes, Runnable tooBig) {
        this.delegate = delegate;
        this.maxMessageBytes = maxMessageBytes;
        this.tooBig = tooBig;
    }

    @Override
    public void handle(ByteBuffer data) {
        if (tripped) {
            readAway(data);
            return;
        }
        ByteBuffer view = data.duplicate();
        int frameStart = view.position();
        while (view.hasRemaining()) {
            if (payloadLeft > 0) {
                int skip = (int) Math.min(payloadLeft, view.remaining());
                view.position(view.position() + skip);
                payloadLeft -= skip;
                continue;
            }
            if (headerLength == 0) {
                frameStart = view.position();
            }
            header[headerLength++] = view.get();
            int needed = headerSize();
            if (needed > 0 && headerLength == needed && !frameFits()) {
                tripped = true;
                if (frameStart > data.position()) {
                    delegate.handle(data.duplicate().limit(frameStart));
                }
                if (payloadLeft < 0 || payloadLeft > READ_AWAY_LIMIT) {
                    close();
                } else {
                    readAway(view);
                }
                return;
            }
        }
        delegate.handle(data);
    }

    /** Drops the oversized frame's bytes, and closes once they are all read. */
    private void readAway(ByteBuffer data) {
        int skip = (int) Math.min(payloadLeft, data.remaining());
        data.position(data.position() + skip);
        payloadLeft -= skip;
        if (payloadLeft == 0) {
            close();
        }
        data.position(data.limit());
    }

    private void close() {
        if (!closed) {
            closed = true;
            tooBig.run();
        }
    }

    /** The full header length once it is known from the bytes so far, or 0. */
    private int headerSize() {
        if (headerLength < 2) {
            return 0;
        }
        int lengthCode = header[1] & 0x7f;
        int size = 2 + (lengthCode == 126 ? 2 : lengthCode == 127 ? 8 : 0) + ((header[1] & 0x80) != 0 ? 4 : 0);
        return size;
    }

    /** Called with a complete header: counts the frame into its message and says whether the message still fits. */
    private boolean frameFits() {
        int lengthCode = header[1] & 0x7f;
        long length = lengthCode;
        if (lengthCode == 126) {
            length = ((header[2] & 0xffL) << 8) | (header[3] & 0xffL);
        } else if (lengthCode == 127) {
            length = 0;
            for (int i = 2; i < 10; i++) {
                length = (length << 8) | (header[i] & 0xffL);
            }
        }
        int opcode = header[0] & 0x0f;
        headerLength = 0;
        payloadLeft = length;
        if ((opcode & CONTROL) != 0) {
            return true;
        }
        messageBytes = opcode == CONTINUATION ? messageBytes + length : length;
        return length >= 0 && messageBytes <= maxMessageBytes;
    }
}
