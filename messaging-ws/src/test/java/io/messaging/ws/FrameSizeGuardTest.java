package io.messaging.ws;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The guard in front of Tyrus's reader: what it hands on, and when it closes an oversized message. */
class FrameSizeGuardTest {
    private final ByteArrayOutputStream handedOn = new ByteArrayOutputStream();
    private final AtomicInteger closes = new AtomicInteger();
    private final FrameSizeGuard guard = new FrameSizeGuard(
            data -> {
                byte[] bytes = new byte[data.remaining()];
                data.get(bytes);
                handedOn.writeBytes(bytes);
            },
            100,
            closes::incrementAndGet);

    /** A masked client text frame (mask of zeros, so the payload reads as it is). */
    private static byte[] frame(int payloadLength) {
        return frame(0x81, payloadLength);
    }

    /** A masked client frame with this first byte (FIN bit and opcode). */
    private static byte[] frame(int first, int payloadLength) {
        var out = new ByteArrayOutputStream();
        out.write(first);
        if (payloadLength < 126) {
            out.write(0x80 | payloadLength);
        } else {
            out.write(0x80 | 126);
            out.write(payloadLength >> 8);
            out.write(payloadLength & 0xff);
        }
        out.writeBytes(new byte[4]);
        out.writeBytes("a".repeat(payloadLength).getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        var out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    @Test
    void framesWithinTheLimitAreHandedOnWhole() {
        byte[] two = concat(frame(10), frame(100));
        guard.handle(ByteBuffer.wrap(two));
        assertArrayEquals(two, handedOn.toByteArray());
        assertEquals(0, closes.get());
    }

    @Test
    void theFramesBeforeAnOversizedOneAreHandedOnAndItIsReadAwayBeforeTheClose() {
        byte[] small = frame(10);
        byte[] big = frame(1000);
        byte[] stream = concat(small, big);
        int split = small.length + 500;
        guard.handle(ByteBuffer.wrap(stream, 0, split));
        assertArrayEquals(small, handedOn.toByteArray());
        assertEquals(0, closes.get(), "not closed while the client still sends the oversized frame");
        guard.handle(ByteBuffer.wrap(stream, split, stream.length - split));
        assertEquals(1, closes.get());
        guard.handle(ByteBuffer.wrap(frame(5)));
        assertArrayEquals(small, handedOn.toByteArray(), "nothing after the oversized frame is handed on");
        assertEquals(1, closes.get());
    }

    @Test
    void aFragmentedMessageThatGrowsOverTheLimitIsReadAwayToItsLastFragmentBeforeTheClose() {
        byte[] first = frame(0x01, 60);
        byte[] stream = concat(first, frame(0x00, 60), frame(0x89, 4), frame(0x80, 60));
        guard.handle(ByteBuffer.wrap(stream, 0, stream.length - 1));
        assertArrayEquals(first, handedOn.toByteArray(), "the fragment within the limit reached Tyrus");
        assertEquals(0, closes.get(), "not closed before the message's last fragment is read");
        guard.handle(ByteBuffer.wrap(stream, stream.length - 1, 1));
        assertEquals(1, closes.get());
        assertArrayEquals(first, handedOn.toByteArray());
    }

    @Test
    void aFrameDeclaringMoreThanTheReadAwayLimitIsClosedAtItsHeader() {
        byte[] header = {(byte) 0x81, (byte) (0x80 | 127), 0, 0, 0, 0, 0x7f, 0, 0, 0, 0, 0, 0, 0};
        guard.handle(ByteBuffer.wrap(header));
        assertEquals(1, closes.get());
        assertEquals(0, handedOn.size());
    }

    @Test
    void aNegativeDeclaredLengthIsClosedAtItsHeader() {
        byte[] header = {(byte) 0x81, (byte) (0x80 | 127), (byte) 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        guard.handle(ByteBuffer.wrap(header));
        assertEquals(1, closes.get());
    }
}
