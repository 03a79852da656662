package io.messaging.core.memory;

import io.messaging.core.port.out.TokenBuckets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/** Token buckets of one node, in memory; each take answers at once. Full buckets are forgotten once there are many. */
public final class InMemoryTokenBuckets implements TokenBuckets {
    private static final int FORGET_ABOVE = 100_000;

    private record Bucket(double tokens, long atNanos) {}

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final LongSupplier nanoTime;

    public InMemoryTokenBuckets() {
        this(System::nanoTime);
    }

    /** With its own clock, in nanoseconds (for tests). */
    public InMemoryTokenBuckets(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    @Override
    public CompletionStage<Integer> take(String key, int wanted, int perSecond, int burst) {
        TokenBuckets.checkTake(wanted, perSecond, burst);
        long now = nanoTime.getAsLong();
        if (buckets.size() > FORGET_ABOVE) {
            buckets.values().removeIf(bucket -> refilled(bucket, now, perSecond, burst) >= burst);
        }
        int[] taken = new int[1];
        buckets.compute(key, (k, bucket) -> {
            double tokens = bucket == null ? burst : refilled(bucket, now, perSecond, burst);
            taken[0] = (int) Math.min(wanted, Math.floor(tokens));
            return new Bucket(tokens - taken[0], now);
        });
        return CompletableFuture.completedFuture(taken[0]);
    }

    private static double refilled(Bucket bucket, long now, int perSecond, int burst) {
        return Math.min(burst, bucket.tokens() + (now - bucket.atNanos()) * (perSecond / 1e9));
    }
}
