package io.messaging.core.audio;

import java.util.OptionalLong;

/**
 * An MP4 (ISO base media) file's duration: that of its movie header, {@code moov/mvhd}, wherever {@code moov} is. A
 * fragmented file (as browsers' recorders write) leaves it 0 or all ones: that states nothing.
 */
final class Mp4Duration {
    private static final int MAX_BOXES = 64;

    private Mp4Duration() {}

    /** A box: where its content starts and where it ends. */
    private record Box(long contentStart, long end) {}

    static OptionalLong millis(AudioBytes bytes) {
        Box moov = find(bytes, "moov", 0, bytes.size());
        if (moov == null) {
            return OptionalLong.empty();
        }
        Box mvhd = find(bytes, "mvhd", moov.contentStart(), moov.end());
        if (mvhd == null) {
            return OptionalLong.empty();
        }
        byte[] header = bytes.read(mvhd.contentStart(), 32);
        int version = Bytes.u8(header, 0);
        long duration = version == 1 ? Bytes.u64be(header, 24) : Bytes.u32be(header, 16);
        long timescale = version == 1 ? Bytes.u32be(header, 20) : Bytes.u32be(header, 12);
        boolean unknown = duration == 0 || duration == (version == 1 ? -1L : 0xFFFFFFFFL);
        return unknown ? OptionalLong.empty() : RecordedDuration.millis(duration, timescale);
    }

    /** The first box of {@code type} among the boxes from {@code start} to {@code end}, or null. */
    private static Box find(AudioBytes bytes, String type, long start, long end) {
        long offset = start;
        for (int count = 0; count < MAX_BOXES && offset + 8 <= end; count++) {
            byte[] header = bytes.read(offset, 16);
            long size = Bytes.u32be(header, 0);
            long contentStart = offset + 8;
            if (size == 1) {
                size = Bytes.u64be(header, 8);
                contentStart = offset + 16;
            } else if (size == 0) {
                size = end - offset;
            }
            if (size < contentStart - offset || offset + size > end) {
                return null;
            }
            if (Bytes.matches(header, 4, type)) {
                return new Box(contentStart, offset + size);
            }
            offset += size;
        }
        return null;
    }
}
