package io.messaging.core.audio;

/** Little- and big-endian integers out of a byte array; an index past the end is a {@link Truncated} failure. */
final class Bytes {
    /** The bytes ended before a field the container needs. */
    static final class Truncated extends RuntimeException {
        Truncated() {
            super("truncated", null, false, false);
        }
    }

    private Bytes() {}

    static int u8(byte[] bytes, int at) {
        if (at < 0 || at >= bytes.length) {
            throw new Truncated();
        }
        return bytes[at] & 0xFF;
    }

    static int u16le(byte[] bytes, int at) {
        return u8(bytes, at) | u8(bytes, at + 1) << 8;
    }

    static long u32le(byte[] bytes, int at) {
        return (u16le(bytes, at) | (long) u16le(bytes, at + 2) << 16) & 0xFFFFFFFFL;
    }

    static long u64le(byte[] bytes, int at) {
        return u32le(bytes, at) | u32le(bytes, at + 4) << 32;
    }

    static long u32be(byte[] bytes, int at) {
        return (long) u8(bytes, at) << 24 | u8(bytes, at + 1) << 16 | u8(bytes, at + 2) << 8 | u8(bytes, at + 3);
    }

    static long u64be(byte[] bytes, int at) {
        return u32be(bytes, at) << 32 | u32be(bytes, at + 4);
    }

    /** Whether {@code ascii} stands at {@code at}. */
    static boolean matches(byte[] bytes, int at, String ascii) {
        if (at < 0 || at + ascii.length() > bytes.length) {
            return false;
        }
        for (int i = 0; i < ascii.length(); i++) {
            if (bytes[at + i] != (byte) ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
