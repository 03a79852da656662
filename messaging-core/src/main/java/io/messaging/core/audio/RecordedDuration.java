package io.messaging.core.audio;

import java.util.OptionalLong;

/**
 * The duration a recording's container states, where it is cheap to read: WAV (header), Ogg (granule position of
 * the last page; Opus and Vorbis), MP3 (Xing/Info or VBRI frame count, else size and bitrate) and MP4 ({@code mvhd}).
 * WebM and anything else state nothing here. The container is told by its first bytes, not by the declared type.
 * Never throws for malformed bytes: what cannot be read states nothing.
 */
public final class RecordedDuration {
    private RecordedDuration() {}

    /** The stated duration in milliseconds, or empty when the container states none or cannot be read. */
    public static OptionalLong millis(AudioBytes bytes) {
        try {
            if (bytes.size() < 12) {
                return OptionalLong.empty();
            }
            byte[] head = bytes.read(0, 12);
            if (Bytes.matches(head, 0, "RIFF") && Bytes.matches(head, 8, "WAVE")) {
                return WavDuration.millis(bytes);
            }
            if (Bytes.matches(head, 0, "OggS")) {
                return OggDuration.millis(bytes);
            }
            if (Bytes.matches(head, 4, "ftyp")) {
                return Mp4Duration.millis(bytes);
            }
            if (Bytes.matches(head, 0, "ID3") || Mp3Duration.isFrameSync(head, 0)) {
                return Mp3Duration.millis(bytes);
            }
            return OptionalLong.empty();
        } catch (RuntimeException unreadable) {
            return OptionalLong.empty();
        }
    }

    /** {@code units} of {@code 1/rate} seconds in whole milliseconds; empty for a rate that is not positive. */
    static OptionalLong millis(long units, long rate) {
        if (rate <= 0 || units < 0 || units / rate > Long.MAX_VALUE / 1000 - 1) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(units / rate * 1000 + (units % rate * 1000 + rate / 2) / rate);
    }
}
