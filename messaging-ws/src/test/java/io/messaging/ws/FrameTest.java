package io.messaging.ws;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A frame carries its Engine.IO packet in an RFC 6455 text frame, and a broadcast's recovery offset as its last argument. */
class FrameTest {
    @Test
    void aBroadcastWithAnOffsetEndsWithTheOffsetAsAString() {
        Frame frame = Frame.broadcast("2[\"new_message\",{\"content\":\"é\"}]", 42, false);

        assertEquals("42[\"new_message\",{\"content\":\"é\"},\"42\"]", frame.text());
        assertEquals(42, frame.offset());
        assertArrayEquals(textFrame("42[\"new_message\",{\"content\":\"é\"},\"42\"]"), frame.webSocketFrame());
    }

    @Test
    void aBroadcastWithoutAnOffsetIsTheEventAsItIs() {
        Frame frame = Frame.broadcast("2[\"user_typing\",{}]", 0, true);

        assertEquals("42[\"user_typing\",{}]", frame.text());
        assertEquals(true, frame.droppable());
        assertArrayEquals(textFrame("42[\"user_typing\",{}]"), frame.webSocketFrame());
    }

    @Test
    void aMessageIsTheSocketIoPacketBehindFour() {
        Frame frame = Frame.message("31[{\"ok\":true}]");

        assertEquals("431[{\"ok\":true}]", frame.text());
        assertEquals(false, frame.droppable());
        assertArrayEquals(textFrame("431[{\"ok\":true}]"), frame.webSocketFrame());
    }

    @Test
    void theLengthTakesOneTwoOrEightBytesAsThePayloadGrows() {
        for (int length : new int[] {0, 124, 125, 65_534, 65_535, 70_000}) {
            String text = "4" + "x".repeat(length);
            Frame frame = Frame.of(text);

            assertArrayEquals(textFrame(text), frame.webSocketFrame(), "payload of " + text.length());
            assertEquals(text, frame.text());
        }
    }

    /** The unmasked text frame of RFC 6455, section 5.2, written out field by field. */
    private static byte[] textFrame(String text) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        int length = payload.length;
        byte[] header;
        if (length < 126) {
            header = new byte[] {(byte) 0x81, (byte) length};
        } else if (length < 65_536) {
            header = new byte[] {(byte) 0x81, 126, (byte) (length >> 8), (byte) length};
        } else {
            header = new byte[] {
                (byte) 0x81,
                127,
                0,
                0,
                0,
                0,
                (byte) (length >> 24),
                (byte) (length >> 16),
                (byte) (length >> 8),
                (byte) length
            };
        }
        byte[] frame = new byte[header.length + length];
        System.arraycopy(header, 0, frame, 0, header.length);
        System.arraycopy(payload, 0, frame, header.length, length);
        return frame;
    }
}
