package io.messaging.ws;

import java.nio.charset.StandardCharsets;

/**
 * One encoded Engine.IO packet ready to send, shared by every recipient of a broadcast: its WebSocket frame is
 * encoded once, on first use, for all of them. Droppable frames (typing, presence) are the first to go when a
 * connection falls behind.
 */
final class Frame {
    private static final int FIN_TEXT = 0x81;

    private final String text;
    private final boolean droppable;
    /** The recovery offset of the broadcast this frame carries, 0 for none. */
    private final long offset;

    private volatile byte[] webSocketFrame;

    private Frame(String text, boolean droppable) {
        this(text, droppable, 0);
    }

    private Frame(String text, boolean droppable, long offset) {
        this.text = text;
        this.droppable = droppable;
        this.offset = offset;
    }

    /** A broadcast event: {@code 4} and its Socket.IO packet with the offset appended when there is one. */
    static Frame broadcast(String packet, long offset, boolean droppable) {
        return new Frame(EnginePacketType.MESSAGE.encode(SocketPacket.withOffset(packet, offset)), droppable, offset);
    }

    static Frame of(String text) {
        return new Frame(text, false);
    }

    static Frame droppable(String text) {
        return new Frame(text, true);
    }

    String text() {
        return text;
    }

    boolean droppable() {
        return droppable;
    }

    long offset() {
        return offset;
    }

    /** The whole unmasked WebSocket text frame (RFC 6455, section 5.2) a server sends for this packet. */
    byte[] webSocketFrame() {
        byte[] frame = webSocketFrame;
        if (frame == null) {
            frame = encode(text.getBytes(StandardCharsets.UTF_8));
            webSocketFrame = frame;
        }
        return frame;
    }

    private static byte[] encode(byte[] payload) {
        int length = payload.length;
        int header = length < 126 ? 2 : length <= 0xFFFF ? 4 : 10;
        byte[] frame = new byte[header + length];
        frame[0] = (byte) FIN_TEXT;
        if (header == 2) {
            frame[1] = (byte) length;
        } else if (header == 4) {
            frame[1] = 126;
            frame[2] = (byte) (length >>> 8);
            frame[3] = (byte) length;
        } else {
            frame[1] = 127;
            for (int i = 0; i < 8; i++) {
                frame[2 + i] = (byte) ((long) length >>> (56 - 8 * i));
            }
        }
        System.arraycopy(payload, 0, frame, header, length);
        return frame;
    }
}
