package io.messaging.core.audio;

import java.util.Arrays;

/**
 * Random access to the bytes of a recording, for reading what its container states. Implementations may read
 * lazily; they throw {@link java.io.UncheckedIOException} or another runtime exception when the bytes cannot be
 * read, which the readers treat as a recording that states nothing.
 */
public interface AudioBytes {

    /** The number of bytes. */
    long size();

    /**
     * Up to {@code length} bytes from {@code offset}: fewer only at the end, none at or past it. {@code offset} is
     * not negative and {@code length} at most {@link #MAX_READ}.
     */
    byte[] read(long offset, int length);

    /** The most bytes a reader asks for at once. */
    int MAX_READ = 64 * 1024;

    /** Bytes held in memory (for tests and small recordings). */
    static AudioBytes of(byte[] bytes) {
        byte[] copy = bytes.clone();
        return new AudioBytes() {
            @Override
            public long size() {
                return copy.length;
            }

            @Override
            public byte[] read(long offset, int length) {
                int from = (int) Math.min(offset, copy.length);
                return Arrays.copyOfRange(copy, from, (int) Math.min(copy.length, (long) from + length));
            }
        };
    }
}
