package io.messaging.ws;

import java.nio.ByteBuffer;
import org.glassfish.tyrus.spi.ReadHandler;

/**
 * Reads the headers of a connection's incoming WebSocket frames before Tyrus does, and stops a message whose
 * declared size is over the limit as soon as the header that crosses it arrives, so it is closed with 1009
 * (message too big) instead of Tyrus's 1011 once its buffer overflows. The frames before it still reach Tyrus.
 * The rest of the oversized message (its later fragments included), up to {@link #READ_AWAY_LIMIT} bytes, is read
 * and dropped before the close, so the client is not still sending when the connection closes (which would reset
 * it before it reads the 1009). Called by one reading thread at a time, as Tyrus reads.
 */
final class FrameSizeGuard implements ReadHandler {
    /** The most bytes of an oversized message read away before closing; past it the close comes at once. */
    static final long READ_AWAY_LIMIT = 8L * 1024 * 1024;

    private static final int CONTINUATION = 0x0;
    private static final int CONTROL = 0x8;
    private static final int FIN = 0x80;

    private final ReadHandler delegate;
    private final long maxMessageBytes;
    private final Runnable tooBig;
    private final byte[] header = new byte[14];
    private int headerLength;
    private long payloadLeft;
    private long messageBytes;
    /** Whether the frame being read ends its message (a final data frame). */
    private boolean endsMessage;

    private boolean tripped;
    private long readAway;
    private boolean closed;

    FrameSizeGuard(ReadHandler delegate, long maxMessageBytes, Runnable tooBig) {
        this.delegate = delegate;
        this.maxMessageBytes = maxMessageBytes;
        this.tooBig = tooBig;
    }

    @Override
    public void handle(ByteBuffer data) {
        if (closed) {
            return;
        }
        ByteBuffer view = data.duplicate();
        int frameStart = view.position();
        while (view.hasRemaining() && !closed) {
            if (payloadLeft > 0) {
                int skip = (int) Math.min(payloadLeft, view.remaining());
                view.position(view.position() + skip);
                payloadLeft -= skip;
                if (tripped) {
                    readAway += skip;
                    if (payloadLeft == 0 && endsMessage) {
                        close();
                    }
                }
                continue;
            }
            if (headerLength == 0) {
                frameStart = view.position();
            }
            header[headerLength++] = view.get();
            int needed = headerSize();
            if (needed == 0 || headerLength < needed) {
                continue;
            }
            if (!frameFits() && !tripped) {
                tripped = true;
                if (frameStart > data.position()) {
                    delegate.handle(data.duplicate().limit(frameStart));
                }
            }
            if (tripped
                    && (payloadLeft < 0
                            || readAway + payloadLeft > READ_AWAY_LIMIT
                            || (payloadLeft == 0 && endsMessage))) {
                close();
            }
        }
        if (!tripped) {
            delegate.handle(data);
        }
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
        return 2 + (lengthCode == 126 ? 2 : lengthCode == 127 ? 8 : 0) + ((header[1] & 0x80) != 0 ? 4 : 0);
    }

    /**
     * Called with a complete header: counts the frame into its message, notes whether it ends the message, and
     * says whether the message still fits.
     */
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
            endsMessage = false;
            return true;
        }
        endsMessage = (header[0] & FIN) != 0;
        messageBytes = opcode == CONTINUATION ? messageBytes + length : length;
        return length >= 0 && messageBytes <= maxMessageBytes;
    }
}
