package io.messaging.core.audio;

import java.util.OptionalLong;

/**
 * An MPEG audio layer III file's duration: the frame count of its Xing/Info or VBRI header, else (constant bit rate)
 * its audio bytes over the first frame's bit rate. A leading ID3v2 tag and a trailing ID3v1 tag are skipped.
 */
final class Mp3Duration {
    private static final int[] BITRATES_V1 = {0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320};
    private static final int[] BITRATES_V2 = {0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160};
    private static final int[] RATES_V1 = {44_100, 48_000, 32_000};
    private static final int ID3V1_SIZE = 128;
    /** How far past the tag the first frame is looked for. */
    private static final int SYNC_SEARCH = 4096;

    private Mp3Duration() {}

    /** A frame header of MPEG audio layer III, decoded. */
    private record Frame(boolean mpeg1, int bitrateKbps, int sampleRate, boolean mono, int length) {
        int samples() {
            return mpeg1 ? 1152 : 576;
        }

        /** Where a Xing/Info header starts: after the frame header and the side information. */
        int xingOffset() {
            return 4 + (mpeg1 ? (mono ? 17 : 32) : (mono ? 9 : 17));
        }
    }

    static boolean isFrameSync(byte[] bytes, int at) {
        return at + 1 < bytes.length && (bytes[at] & 0xFF) == 0xFF && (bytes[at + 1] & 0xE0) == 0xE0;
    }

    static OptionalLong millis(AudioBytes bytes) {
        long start = 0;
        byte[] head = bytes.read(0, 10);
        if (Bytes.matches(head, 0, "ID3")) {
            long tagSize = (Bytes.u8(head, 6) & 0x7F) << 21
                    | (Bytes.u8(head, 7) & 0x7F) << 14
                    | (Bytes.u8(head, 8) & 0x7F) << 7
                    | (Bytes.u8(head, 9) & 0x7F);
            boolean footer = (Bytes.u8(head, 5) & 0x10) != 0;
            start = 10 + tagSize + (footer ? 10 : 0);
        }
        byte[] window = bytes.read(start, SYNC_SEARCH + 256);
        for (int at = 0; at < Math.min(SYNC_SEARCH, window.length - 4); at++) {
            Frame frame = frame(window, at);
            if (frame != null && confirmed(bytes, start + at, frame)) {
                return duration(bytes, start + at, frame);
            }
        }
        return OptionalLong.empty();
    }

    private static Frame frame(byte[] bytes, int at) {
        if (!isFrameSync(bytes, at)) {
            return null;
        }
        int b1 = Bytes.u8(bytes, at + 1);
        int b2 = Bytes.u8(bytes, at + 2);
        int b3 = Bytes.u8(bytes, at + 3);
        int version = b1 >> 3 & 3;
        int layer = b1 >> 1 & 3;
        int bitrateIndex = b2 >> 4;
        int rateIndex = b2 >> 2 & 3;
        if (version == 1 || layer != 1 || bitrateIndex == 0 || bitrateIndex == 15 || rateIndex == 3) {
            return null;
        }
        boolean mpeg1 = version == 3;
        int bitrate = (mpeg1 ? BITRATES_V1 : BITRATES_V2)[bitrateIndex];
        int rate = RATES_V1[rateIndex] / (mpeg1 ? 1 : version == 2 ? 2 : 4);
        int padding = b2 >> 1 & 1;
        int length = (mpeg1 ? 144 : 72) * bitrate * 1000 / rate + padding;
        return new Frame(mpeg1, bitrate, rate, (b3 >> 6) == 3, length);
    }

    /** A frame is believed when the next one follows where its length says, or the file ends there. */
    private static boolean confirmed(AudioBytes bytes, long offset, Frame frame) {
        long next = offset + frame.length();
        if (next + 4 > bytes.size()) {
            return true;
        }
        return frame(bytes.read(next, 4), 0) != null;
    }

    private static OptionalLong duration(AudioBytes bytes, long offset, Frame frame) {
        byte[] first = bytes.read(offset, Math.min(frame.length(), 256));
        int xing = frame.xingOffset();
        if (Bytes.matches(first, xing, "Xing") || Bytes.matches(first, xing, "Info")) {
            long flags = Bytes.u32be(first, xing + 4);
            if ((flags & 1) != 0) {
                return RecordedDuration.millis(Bytes.u32be(first, xing + 8) * frame.samples(), frame.sampleRate());
            }
        }
        if (Bytes.matches(first, 36, "VBRI")) {
            return RecordedDuration.millis(Bytes.u32be(first, 36 + 14) * frame.samples(), frame.sampleRate());
        }
        long end = bytes.size();
        if (end - ID3V1_SIZE >= offset && Bytes.matches(bytes.read(end - ID3V1_SIZE, 3), 0, "TAG")) {
            end -= ID3V1_SIZE;
        }
        return RecordedDuration.millis((end - offset) * 8, frame.bitrateKbps() * 1000L);
    }
}
