package io.messaging.core.audio;

import java.util.OptionalLong;

/** A WAV file's duration: the size of its {@code data} chunk over the byte rate of its {@code fmt } chunk. */
final class WavDuration {
    private static final int MAX_CHUNKS = 64;

    private WavDuration() {}

    static OptionalLong millis(AudioBytes bytes) {
        long byteRate = -1;
        long offset = 12;
        for (int chunk = 0; chunk < MAX_CHUNKS && offset + 8 <= bytes.size(); chunk++) {
            byte[] header = bytes.read(offset, 20);
            long size = Bytes.u32le(header, 4);
            if (Bytes.matches(header, 0, "fmt ")) {
                byteRate = Bytes.u32le(header, 8 + 8);
            } else if (Bytes.matches(header, 0, "data")) {
                // a recorder that streamed the file may leave the size unset (0 or 0xFFFFFFFF): the rest is data
                long available = bytes.size() - offset - 8;
                long dataSize = size == 0 || size > available ? available : size;
                return byteRate < 0 ? OptionalLong.empty() : RecordedDuration.millis(dataSize, byteRate);
            }
            offset += 8 + size + (size & 1);
        }
        return OptionalLong.empty();
    }
}
