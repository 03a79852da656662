package io.messaging.core.audio;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * Small recordings built byte by byte, each stating a known duration the way its container does, for the tests of
 * the duration readers and of voice messages. The audio itself is silence or noise: only the framing matters.
 */
public final class AudioFiles {
    private AudioFiles() {}

    /** A PCM WAV file (8 kHz, mono, 16-bit) of the duration, with a LIST chunk before the data. */
    public static byte[] wav(long durationMs) {
        int rate = 8000;
        int dataSize = (int) (durationMs * rate * 2 / 1000);
        var out = new Writer(ByteOrder.LITTLE_ENDIAN);
        out.ascii("RIFF").u32(4 + 8 + 16 + 8 + 4 + 8 + dataSize).ascii("WAVE");
        out.ascii("fmt ").u32(16).u16(1).u16(1).u32(rate).u32(rate * 2).u16(2).u16(16);
        out.ascii("LIST").u32(4).ascii("INFO");
        out.ascii("data").u32(dataSize).bytes(new byte[dataSize]);
        return out.toByteArray();
    }

    /** An Ogg Opus stream (pre-skip 312) of the duration, with filler pages of noise between its headers and end. */
    public static byte[] oggOpus(long durationMs) {
        int preSkip = 312;
        var head = new Writer(ByteOrder.LITTLE_ENDIAN)
                .ascii("OpusHead")
                .u8(1)
                .u8(1)
                .u16(preSkip)
                .u32(48_000)
                .u16(0)
                .u8(0)
                .toByteArray();
        return ogg(head, preSkip + durationMs * 48, durationMs);
    }

    /** An Ogg Vorbis stream at 44.1 kHz of the duration. */
    public static byte[] oggVorbis(long durationMs) {
        int rate = 44_100;
        var head = new Writer(ByteOrder.LITTLE_ENDIAN)
                .u8(1)
                .ascii("vorbis")
                .u32(0)
                .u8(2)
                .u32(rate)
                .u32(0)
                .u32(128_000)
                .u32(0)
                .u8(0xB8)
                .u8(1)
                .toByteArray();
        return ogg(head, durationMs * rate / 1000, durationMs);
    }

    private static byte[] ogg(byte[] headPacket, long lastGranule, long durationMs) {
        var out = new ByteArrayOutputStream();
        int serial = 0x1234_5678;
        page(out, 2, 0, serial, 0, headPacket);
        page(out, 0, 0, serial, 1, "OpusTags\0\0\0\0\0\0\0\0".getBytes(StandardCharsets.US_ASCII));
        var random = new Random(durationMs);
        int pages = (int) Math.max(1, durationMs / 1000);
        for (int i = 0; i < pages; i++) {
            byte[] noise = new byte[200];
            random.nextBytes(noise);
            page(out, 0, lastGranule * i / pages, serial, 2 + i, noise);
        }
        page(out, 4, lastGranule, serial, 2 + pages, new byte[40]);
        // a page of another stream after the last one of ours must not be taken for it
        page(out, 4, 999_999_999L, serial + 1, 0, new byte[10]);
        return out.toByteArray();
    }

    private static void page(
            ByteArrayOutputStream out, int type, long granule, int serial, int sequence, byte[] packet) {
        var page = new Writer(ByteOrder.LITTLE_ENDIAN)
                .ascii("OggS")
                .u8(0)
                .u8(type)
                .u64(granule)
                .u32(serial)
                .u32(sequence)
                .u32(0);
        int segments = packet.length / 255 + 1;
        page.u8(segments);
        for (int i = 0; i < segments - 1; i++) {
            page.u8(255);
        }
        page.u8(packet.length % 255).bytes(packet);
        out.writeBytes(page.toByteArray());
    }

    /** An MPEG-1 layer III file at 48 kHz, mono, 32 kbit/s constant: 96-byte frames of 24 ms, after an ID3v2 tag. */
    public static byte[] mp3(long durationMs) {
        var out = new Writer(ByteOrder.BIG_ENDIAN);
        out.ascii("ID3").u8(4).u8(0).u8(0).u8(0).u8(0).u8(1).u8(0); // 128-byte tag, syncsafe size
        out.bytes(new byte[128]);
        for (long i = 0; i < durationMs / 24; i++) {
            out.bytes(frame(new byte[0], 0));
        }
        out.ascii("TAG").bytes(new byte[125]);
        return out.toByteArray();
    }

    /**
     * An MPEG-1 layer III file whose first frame is a Xing header stating the duration's frame count, followed by
     * only a few frames: as in a variable bit rate file, the size says nothing.
     */
    public static byte[] mp3Xing(long durationMs) {
        byte[] xing = new Writer(ByteOrder.BIG_ENDIAN)
                .ascii("Xing")
                .u32(1)
                .u32((int) (durationMs / 24))
                .toByteArray();
        var out = new Writer(ByteOrder.BIG_ENDIAN).bytes(frame(xing, 4 + 17));
        for (int i = 0; i < 5; i++) {
            out.bytes(frame(new byte[0], 0));
        }
        return out.toByteArray();
    }

    /** Like {@link #mp3Xing}, with a VBRI header (at byte 36 of the first frame) instead. */
    public static byte[] mp3Vbri(long durationMs) {
        byte[] vbri = new Writer(ByteOrder.BIG_ENDIAN)
                .ascii("VBRI")
                .u16(1)
                .u16(0)
                .u16(75)
                .u32(0)
                .u32((int) (durationMs / 24))
                .toByteArray();
        var out = new Writer(ByteOrder.BIG_ENDIAN).bytes(frame(vbri, 36));
        for (int i = 0; i < 5; i++) {
            out.bytes(frame(new byte[0], 0));
        }
        return out.toByteArray();
    }

    private static byte[] frame(byte[] content, int at) {
        byte[] frame = new byte[96];
        frame[0] = (byte) 0xFF;
        frame[1] = (byte) 0xFB;
        frame[2] = 0x14;
        frame[3] = (byte) 0xC0;
        System.arraycopy(content, 0, frame, at, content.length);
        return frame;
    }

    /** An MP4 audio file whose movie header states the duration (timescale 1000 or, in version 1, 44100). */
    public static byte[] mp4(long durationMs, boolean moovFirst, boolean version1) {
        var ftyp = box(
                "ftyp",
                new Writer(ByteOrder.BIG_ENDIAN)
                        .ascii("M4A ")
                        .u32(0)
                        .ascii("isomM4A ")
                        .toByteArray());
        var mvhdContent = new Writer(ByteOrder.BIG_ENDIAN);
        if (version1) {
            mvhdContent.u32(1 << 24).u64(0).u64(0).u32(44_100).u64(durationMs * 44_100 / 1000);
        } else {
            mvhdContent.u32(0).u32(0).u32(0).u32(1000).u32((int) durationMs);
        }
        mvhdContent.u32(0x0001_0000).u16(0x0100).bytes(new byte[10 + 36 + 24]).u32(2);
        var moov = box("moov", concat(box("udta", new byte[12]), box("mvhd", mvhdContent.toByteArray())));
        var mdat = box("mdat", new byte[2000]);
        return moovFirst ? concat(ftyp, moov, mdat) : concat(ftyp, mdat, moov);
    }

    /** The start of a WebM file as a browser records it: an EBML header and noise, no duration. */
    public static byte[] webm(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        bytes[0] = 0x1A;
        bytes[1] = 0x45;
        bytes[2] = (byte) 0xDF;
        bytes[3] = (byte) 0xA3;
        return bytes;
    }

    private static byte[] box(String type, byte[] content) {
        return new Writer(ByteOrder.BIG_ENDIAN)
                .u32(8 + content.length)
                .ascii(type)
                .bytes(content)
                .toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        var out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** Writes integers in one byte order. */
    private static final class Writer {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final ByteOrder order;

        Writer(ByteOrder order) {
            this.order = order;
        }

        Writer u8(int value) {
            out.write(value);
            return this;
        }

        Writer u16(int value) {
            return put(
                    ByteBuffer.allocate(2).order(order).putShort((short) value).array());
        }

        Writer u32(long value) {
            return put(ByteBuffer.allocate(4).order(order).putInt((int) value).array());
        }

        Writer u64(long value) {
            return put(ByteBuffer.allocate(8).order(order).putLong(value).array());
        }

        Writer ascii(String text) {
            return put(text.getBytes(StandardCharsets.US_ASCII));
        }

        Writer bytes(byte[] bytes) {
            return put(bytes);
        }

        private Writer put(byte[] bytes) {
            out.writeBytes(bytes);
            return this;
        }

        byte[] toByteArray() {
            return out.toByteArray();
        }
    }
}
