package io.messaging.ws;

import java.nio.charset.StandardCharsets;

/**
 * One encoded Engine.IO packet ready to send, shared by every recipient of a broadcast: its WebSocket frame is
 * encoded once, when the frame is made, for all of them, straight from the packet's UTF-8 bytes. Droppable frames
 * (typing, presence) are the first to go when a connection falls behind.
 */
final class Frame {
    private static final int FIN_TEXT = 0x81;
    private static final byte[] NO_TAIL = new byte[0];
    private static final int NO_PREFIX = -1;
    private static final int MESSAGE = EnginePacketType.MESSAGE.code();

    /** The whole unmasked WebSocket text frame: its header, then the Engine.IO packet. */
    private final byte[] webSocketFrame;

    private final int headerLength;
    private final boolean droppable;
    /** The recovery offset of the broadcast this frame carries, 0 for none. */
    private final long offset;

    private Frame(byte[] webSocketFrame, int headerLength, boolean droppable, long offset) {
        this.webSocketFrame = webSocketFrame;
        this.headerLength = headerLength;
        this.droppable = droppable;
        this.offset = offset;
    }

    /**
     * A broadcast event: {@code 4} and its Socket.IO event packet ({@code 2[...]}), with the recovery offset appended
     * as the event's last argument, a string, which the official clients remember and send back on reconnection;
     * offset 0 leaves the event as it is.
     */
    static Frame broadcast(String packet, long offset, boolean droppable) {
        byte[] event = packet.getBytes(StandardCharsets.UTF_8);
        if (offset == 0) {
            return encode(MESSAGE, event, event.length, NO_TAIL, droppable, 0);
        }
        // the event's closing bracket gives way to the tail, which closes it again
        byte[] tail = (",\"" + offset + "\"]").getBytes(StandardCharsets.US_ASCII);
        return encode(MESSAGE, event, event.length - 1, tail, droppable, offset);
    }

    /** An Engine.IO message ({@code 4}) carrying the Socket.IO packet {@code packet}. */
    static Frame message(String packet) {
        byte[] body = packet.getBytes(StandardCharsets.UTF_8);
        return encode(MESSAGE, body, body.length, NO_TAIL, false, 0);
    }

    /** The Engine.IO packet {@code text} as it is. */
    static Frame of(String text) {
        return of(text, false);
    }

    /** The Engine.IO packet {@code text}, first to go when the connection falls behind. */
    static Frame droppable(String text) {
        return of(text, true);
    }

    private static Frame of(String text, boolean droppable) {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        return encode(NO_PREFIX, body, body.length, NO_TAIL, droppable, 0);
    }

    /** The frame of {@code prefix} (unless {@link #NO_PREFIX}), the first {@code bodyLength} bytes of body, and tail. */
    private static Frame encode(int prefix, byte[] body, int bodyLength, byte[] tail, boolean droppable, long offset) {
        int prefixLength = prefix == NO_PREFIX ? 0 : 1;
        int payloadLength = prefixLength + bodyLength + tail.length;
        int header = payloadLength < 126 ? 2 : payloadLength <= 0xFFFF ? 4 : 10;
        byte[] frame = new byte[header + payloadLength];
        frame[0] = (byte) FIN_TEXT;
        if (header == 2) {
            frame[1] = (byte) payloadLength;
        } else if (header == 4) {
            frame[1] = 126;
            frame[2] = (byte) (payloadLength >>> 8);
            frame[3] = (byte) payloadLength;
        } else {
            frame[1] = 127;
            for (int i = 0; i < 8; i++) {
                frame[2 + i] = (byte) ((long) payloadLength >>> (56 - 8 * i));
            }
        }
        if (prefixLength == 1) {
            frame[header] = (byte) prefix;
        }
        System.arraycopy(body, 0, frame, header + prefixLength, bodyLength);
        System.arraycopy(tail, 0, frame, header + prefixLength + bodyLength, tail.length);
        return new Frame(frame, header, droppable, offset);
    }

    /** The Engine.IO packet as text, for the long-polling transport. */
    String text() {
        return new String(webSocketFrame, headerLength, webSocketFrame.length - headerLength, StandardCharsets.UTF_8);
    }

    boolean droppable() {
        return droppable;
    }

    long offset() {
        return offset;
    }

    /** The whole unmasked WebSocket text frame (RFC 6455, section 5.2) a server sends for this packet. */
    byte[] webSocketFrame() {
        return webSocketFrame;
    }
}
