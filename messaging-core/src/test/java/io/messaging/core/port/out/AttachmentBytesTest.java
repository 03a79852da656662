package io.messaging.core.port.out;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;

class AttachmentBytesTest {

    @Test
    void anUploadOfExactlyTheLimitIsCopiedWhole() throws Exception {
        byte[] bytes = new byte[100_000];
        bytes[99_999] = 7;
        var out = new ByteArrayOutputStream();
        assertEquals(100_000, AttachmentBytes.copyWithin(new ByteArrayInputStream(bytes), out, 100_000));
        assertArrayEquals(bytes, out.toByteArray());
    }

    @Test
    void anUploadPastTheLimitStopsWithoutWritingTheChunkThatWentPastIt() throws Exception {
        var out = new ByteArrayOutputStream();
        long read = AttachmentBytes.copyWithin(new ByteArrayInputStream(new byte[10]), out, 9);
        assertEquals(10, read);
        assertEquals(0, out.size());
    }

    @Test
    void aNegativeOffsetIsRefused() {
        AttachmentBytes.checkOffset(0);
        assertThrows(IllegalArgumentException.class, () -> AttachmentBytes.checkOffset(-1));
    }
}
