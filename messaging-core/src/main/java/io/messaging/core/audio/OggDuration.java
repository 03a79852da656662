package io.messaging.core.audio;

import java.util.OptionalLong;

/**
 * An Ogg stream's duration: the granule position of its last page, in samples at 48 kHz less the pre-skip for Opus,
 * at the stream's rate for Vorbis. Other codecs state nothing here.
 */
final class OggDuration {
    private static final int PAGE_HEADER = 27;
    private static final long NO_GRANULE = -1;
    private static final int OPUS_RATE = 48_000;

    private OggDuration() {}

    static OptionalLong millis(AudioBytes bytes) {
        byte[] first = bytes.read(0, 512);
        if (Bytes.u8(first, 4) != 0) {
            return OptionalLong.empty();
        }
        long serial = Bytes.u32le(first, 14);
        int packet = PAGE_HEADER + Bytes.u8(first, 26);
        long preSkip;
        long rate;
        if (Bytes.matches(first, packet, "OpusHead")) {
            preSkip = Bytes.u16le(first, packet + 10);
            rate = OPUS_RATE;
        } else if (Bytes.u8(first, packet) == 1 && Bytes.matches(first, packet + 1, "vorbis")) {
            preSkip = 0;
            rate = Bytes.u32le(first, packet + 12);
        } else {
            return OptionalLong.empty();
        }
        long granule = lastGranule(bytes, serial);
        return granule < 0 ? OptionalLong.empty() : RecordedDuration.millis(Math.max(0, granule - preSkip), rate);
    }

    /** The granule position of the stream's last page that has one, searched in the file's last 64 KiB. */
    private static long lastGranule(AudioBytes bytes, long serial) {
        long start = Math.max(0, bytes.size() - AudioBytes.MAX_READ);
        byte[] tail = bytes.read(start, AudioBytes.MAX_READ);
        for (int at = tail.length - PAGE_HEADER; at >= 0; at--) {
            if (Bytes.matches(tail, at, "OggS")
                    && Bytes.u8(tail, at + 4) == 0
                    && Bytes.u32le(tail, at + 14) == serial) {
                long granule = Bytes.u64le(tail, at + 6);
                if (granule != NO_GRANULE) {
                    return granule;
                }
            }
        }
        return NO_GRANULE;
    }
}
