package io.messaging.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A text frame that is not UTF-8 cannot be sent with a WebSocket client library, so this test speaks the WebSocket
 * framing itself over a plain TCP socket: the server closes that connection with 1007 and keeps serving others.
 */
class MalformedTextFrameTest {
    private final RealTimeFixture fixture = new RealTimeFixture(RealTimeOptions.defaults());

    MalformedTextFrameTest() throws IOException {}

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void aTextFrameThatIsNotUtf8ClosesItsConnectionWith1007() throws Exception {
        var base = URI.create(fixture.base);
        try (var tcp = new Socket(base.getHost(), base.getPort())) {
            tcp.setSoTimeout(10_000);
            var out = tcp.getOutputStream();
            var in = new DataInputStream(tcp.getInputStream());
            String key = Base64.getEncoder().encodeToString("sixteen byte key".getBytes(StandardCharsets.US_ASCII));
            out.write(("GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: localhost\r\n"
                            + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                            + "Sec-WebSocket-Key: " + key + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String headers = readHeaders(in);
            assertTrue(headers.startsWith("HTTP/1.1 101"), headers);
            assertEquals(0x1, readFrame(in).opcode(), "the Engine.IO open packet");

            writeMaskedText(out, new byte[] {'4', '2', '[', '"', (byte) 0xc3, 0x28, '"', ']'});
            Frame close = readFrame(in);
            while (close.opcode() != 0x8) {
                close = readFrame(in);
            }
            assertEquals(1007, ((close.payload()[0] & 0xff) << 8) | (close.payload()[1] & 0xff));
        }
        var other = fixture.webSocket("EIO=4&transport=websocket");
        assertTrue(other.next().startsWith("0{"), "the server still serves other connections");
    }

    private record Frame(int opcode, byte[] payload) {}

    private static String readHeaders(DataInputStream in) throws IOException {
        var headers = new ByteArrayOutputStream();
        while (!headers.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            headers.write(in.readUnsignedByte());
        }
        return headers.toString(StandardCharsets.US_ASCII);
    }

    private static Frame readFrame(DataInputStream in) throws IOException {
        int first = in.readUnsignedByte();
        int length = in.readUnsignedByte() & 0x7f;
        if (length == 126) {
            length = in.readUnsignedShort();
        } else if (length == 127) {
            length = (int) in.readLong();
        }
        byte[] payload = new byte[length];
        in.readFully(payload);
        return new Frame(first & 0x0f, payload);
    }

    private static void writeMaskedText(OutputStream out, byte[] payload) throws IOException {
        byte[] mask = {1, 2, 3, 4};
        out.write(0x81);
        out.write(0x80 | payload.length);
        out.write(mask);
        for (int i = 0; i < payload.length; i++) {
            out.write(payload[i] ^ mask[i % 4]);
        }
        out.flush();
    }
}
