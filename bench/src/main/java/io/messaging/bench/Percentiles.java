package io.messaging.bench;

import java.util.Arrays;
import java.util.List;

/** Latency samples in nanoseconds, summarised as p50 and p99 in milliseconds. */
final class Percentiles {
    private final long[] samples;
    private int count;

    Percentiles(int capacity) {
        samples = new long[capacity];
    }

    /** Records a sample; once full, further samples are not kept. */
    void add(long nanos) {
        if (count < samples.length) {
            samples[count++] = nanos;
        }
    }

    /** All the samples of {@code parts} in one. */
    static Percentiles merge(List<Percentiles> parts) {
        var merged = new Percentiles(parts.stream().mapToInt(part -> part.count).sum());
        for (Percentiles part : parts) {
            System.arraycopy(part.samples, 0, merged.samples, merged.count, part.count);
            merged.count += part.count;
        }
        return merged;
    }

    double percentileMillis(double percentile) {
        long[] sorted = Arrays.copyOf(samples, count);
        Arrays.sort(sorted);
        int index = (int) Math.min(count - 1, Math.ceil(percentile / 100.0 * count) - 1);
        return sorted[Math.max(0, index)] / 1_000_000.0;
    }

    String summary() {
        return String.format("p50 %.2f ms, p99 %.2f ms", percentileMillis(50), percentileMillis(99));
    }
}
