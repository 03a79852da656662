package io.messaging.core.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.messaging.core.port.out.TokenBuckets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link TokenBuckets}, run against every adapter: a new bucket starts full, a take gets what is
 * there up to what it asked for, each key has its own bucket, racing takes never share a token, and an emptied
 * bucket fills up again at its rate.
 */
public abstract class AbstractTokenBucketsContractTest {
    /** Slow enough that no token comes back during a test that does not wait for one. */
    private static final int SLOW = 1;

    /** New buckets, none used yet. */
    protected abstract TokenBuckets newBuckets();

    private static String key() {
        return "bucket-" + UUID.randomUUID();
    }

    private static int take(TokenBuckets buckets, String key, int wanted, int perSecond, int burst) throws Exception {
        return buckets.take(key, wanted, perSecond, burst).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aNewBucketStartsFullAndATakeGetsWhatIsThereUpToWhatItAsked() throws Exception {
        var buckets = newBuckets();
        String key = key();
        assertEquals(4, take(buckets, key, 4, SLOW, 10));
        assertEquals(5, take(buckets, key, 5, SLOW, 10));
        assertEquals(1, take(buckets, key, 5, SLOW, 10), "only one was left");
        assertEquals(0, take(buckets, key, 5, SLOW, 10), "empty");
        assertEquals(3, take(buckets, key(), 3, SLOW, 10), "another key has a bucket of its own");
    }

    @Test
    void aTakeOutsideItsBoundsIsRefusedAtOnce() {
        var buckets = newBuckets();
        assertThrows(IllegalArgumentException.class, () -> buckets.take(key(), 0, SLOW, 10));
        assertThrows(IllegalArgumentException.class, () -> buckets.take(key(), 11, SLOW, 10));
        assertThrows(IllegalArgumentException.class, () -> buckets.take(key(), 1, 0, 10));
    }

    @Test
    void racingTakesNeverShareAToken() throws Exception {
        var buckets = newBuckets();
        String key = key();
        var pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Integer>> takes = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                takes.add(() -> take(buckets, key, 3, SLOW, 50));
            }
            int total = 0;
            for (var taken : pool.invokeAll(takes)) {
                total += taken.get();
            }
            assertEquals(50, total, "40 takes of 3 share the 50 tokens of the bucket, none twice");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anEmptiedBucketFillsUpAgainAtItsRateButNoFurtherThanItsBurst() throws Exception {
        var buckets = newBuckets();
        String key = key();
        assertEquals(5, take(buckets, key, 5, 1000, 5));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (take(buckets, key, 1, 1000, 5) == 0) {
            assertTrue(System.nanoTime() < deadline, "no token came back in 10 s at 1000 a second");
            Thread.sleep(5);
        }
        Thread.sleep(100); // a hundred tokens' time: the bucket is full, and holds no more than its burst
        assertEquals(5, take(buckets, key, 5, 1000, 5));
        // refilled at the slow rate, a bucket that had kept a hundred tokens would give five more now
        assertEquals(0, take(buckets, key, 5, SLOW, 5), "it held no more than its burst");
    }
}
