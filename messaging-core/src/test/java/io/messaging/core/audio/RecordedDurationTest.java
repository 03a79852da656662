package io.messaging.core.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;

class RecordedDurationTest {

    private static OptionalLong read(byte[] bytes) {
        return RecordedDuration.millis(AudioBytes.of(bytes));
    }

    @Test
    void readsTheDurationAWavHeaderStates() {
        assertEquals(OptionalLong.of(3000), read(AudioFiles.wav(3000)));
        assertEquals(OptionalLong.of(125), read(AudioFiles.wav(125)));
    }

    @Test
    void aWavWhoseDataSizeWasLeftUnsetLastsAsLongAsTheBytesThatFollow() {
        byte[] wav = AudioFiles.wav(2000);
        int dataSizeAt = wav.length - 32_000 - 4;
        for (byte unset : new byte[] {0, (byte) 0xFF}) {
            Arrays.fill(wav, dataSizeAt, dataSizeAt + 4, unset);
            assertEquals(OptionalLong.of(2000), read(wav));
        }
    }

    @Test
    void readsTheLastGranulePositionOfAnOggStream() {
        assertEquals(OptionalLong.of(7000), read(AudioFiles.oggOpus(7000)));
        assertEquals(OptionalLong.of(2500), read(AudioFiles.oggVorbis(2500)));
    }

    @Test
    void readsMp3DurationFromXingOrVbriFramesOrElseSizeAndBitRate() {
        assertEquals(OptionalLong.of(4992), read(AudioFiles.mp3(5000)));
        assertEquals(OptionalLong.of(60_000), read(AudioFiles.mp3Xing(60_000)));
        assertEquals(OptionalLong.of(60_000), read(AudioFiles.mp3Vbri(60_000)));
    }

    @Test
    void readsTheMovieHeaderOfAnMp4WhereverItIs() {
        assertEquals(OptionalLong.of(4321), read(AudioFiles.mp4(4321, true, false)));
        assertEquals(OptionalLong.of(4321), read(AudioFiles.mp4(4321, false, false)));
        assertEquals(OptionalLong.of(4321), read(AudioFiles.mp4(4321, false, true)));
    }

    @Test
    void aFragmentedMp4WhoseMovieHeaderLeavesTheDurationOpenStatesNothing() {
        assertEquals(OptionalLong.empty(), read(AudioFiles.mp4(0, true, false)));
        assertEquals(OptionalLong.empty(), read(AudioFiles.mp4(0xFFFFFFFFL, true, false)));
    }

    @Test
    void webmAndUnknownContainersStateNothing() {
        assertEquals(OptionalLong.empty(), read(AudioFiles.webm(5000)));
        assertEquals(OptionalLong.empty(), read("just some text, not audio".getBytes()));
        assertEquals(OptionalLong.empty(), read(new byte[0]));
    }

    @Test
    void everyCutOfEveryContainerIsReadWithoutAnExceptionAndNeverStatesMoreThanTheWhole() {
        List<LongFunction<byte[]>> builders = List.of(
                AudioFiles::wav,
                AudioFiles::oggOpus,
                AudioFiles::oggVorbis,
                AudioFiles::mp3,
                AudioFiles::mp3Xing,
                AudioFiles::mp3Vbri,
                ms -> AudioFiles.mp4(ms, false, true));
        for (var builder : builders) {
            byte[] whole = builder.apply(1000);
            long full = read(whole).orElseThrow();
            for (int length = 0; length < Math.min(whole.length, 4096); length++) {
                var cut = read(Arrays.copyOf(whole, length));
                if (cut.isPresent() && cut.getAsLong() > full + 1000) {
                    throw new AssertionError("a cut at " + length + " states " + cut.getAsLong());
                }
            }
        }
    }

    @Test
    void corruptedBytesAreReadWithoutAnException() {
        var random = new Random(42);
        List<byte[]> samples = List.of(
                AudioFiles.wav(500),
                AudioFiles.oggOpus(500),
                AudioFiles.mp3(500),
                AudioFiles.mp3Xing(500),
                AudioFiles.mp4(500, true, false),
                AudioFiles.mp4(500, false, true));
        for (byte[] sample : samples) {
            for (int round = 0; round < 300; round++) {
                byte[] corrupted = sample.clone();
                for (int flips = 0; flips < 8; flips++) {
                    // only the first bytes hold the headers the readers look at; keep the magic to reach them
                    int at = 4 + random.nextInt(Math.min(corrupted.length - 4, 200));
                    corrupted[at] = (byte) random.nextInt(256);
                }
                read(corrupted);
            }
        }
    }

    @Test
    void aFailingReadStatesNothing() {
        var failing = new AudioBytes() {
            @Override
            public long size() {
                return 1000;
            }

            @Override
            public byte[] read(long offset, int length) {
                if (offset == 0 && length <= 12) {
                    return "RIFF\0\0\0\0WAVE".getBytes();
                }
                throw new UncheckedIOException(new IOException("disk gone"));
            }
        };
        assertEquals(OptionalLong.empty(), RecordedDuration.millis(failing));
    }
}
