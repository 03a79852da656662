package io.messaging.ws;

import io.messaging.core.port.out.TokenBuckets;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * One user's event allowance on this node when every node shares it: tokens taken from the user's bucket in the
 * shared store a chunk at a time, before they run out, and spent here one per event, so no event waits on the
 * store. While a chunk is on its way (unless the bucket was just found empty) up to a chunk of events go ahead on
 * credit, paid from what comes; so all nodes together allow at most a chunk per node beyond the shared bucket.
 * While the store cannot be reached this allowance lets everything through and the node's own allowance of the
 * user, which every event also takes from, limits alone. Thread-safe.
 */
final class SharedAllowance {
    /** How long to wait before asking again after the store failed. */
    private static final long RETRY_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final TokenBuckets buckets;
    private final String key;
    private final int perSecond;
    private final int burst;
    private final int chunk;
    private final LongSupplier nanoTime;
    /** Tokens taken and not spent yet; below zero while events went ahead on credit. */
    private int tokens;

    private boolean asking;
    /** The last answer was short: the shared bucket is empty for now, so no credit until {@link #nextAsk}. */
    private boolean starved;

    private boolean unreachable;
    private long nextAsk;

    SharedAllowance(TokenBuckets buckets, String key, int perSecond, int burst, LongSupplier nanoTime) {
        this.buckets = buckets;
        this.key = key;
        this.perSecond = perSecond;
        this.burst = burst;
        this.chunk = chunk(burst);
        this.nanoTime = nanoTime;
        this.nextAsk = nanoTime.getAsLong();
    }

    /** A tenth of the burst: few enough that a node holds little the others cannot have, many enough to ask rarely. */
    static int chunk(int burst) {
        return Math.max(1, burst / 10);
    }

    /** Asks for the first chunk, so that the user's first events find tokens here. */
    synchronized void prefetch() {
        askIfDue();
    }

    /** Takes one event: false when the shared allowance is spent. */
    synchronized boolean take() {
        if (tokens <= chunk / 2) {
            askIfDue();
        }
        if (unreachable) {
            return true;
        }
        boolean credit = asking && (!starved || nanoTime.getAsLong() - nextAsk >= 0) && tokens > -chunk;
        if (tokens > 0 || credit) {
            tokens--;
            return true;
        }
        return false;
    }

    private void askIfDue() {
        if (asking || nanoTime.getAsLong() - nextAsk < 0) {
            return;
        }
        asking = true;
        try {
            buckets.take(key, chunk, perSecond, burst).whenComplete(this::answered);
        } catch (RuntimeException e) {
            answered(null, e);
        }
    }

    private synchronized void answered(Integer taken, Throwable failure) {
        asking = false;
        long now = nanoTime.getAsLong();
        if (failure != null) {
            unreachable = true;
            nextAsk = now + RETRY_NANOS;
            return;
        }
        unreachable = false;
        tokens += taken;
        starved = taken < chunk;
        // after a short answer, ask again once the bucket has had the time to refill a chunk
        nextAsk = starved ? now + Math.min(RETRY_NANOS, TimeUnit.SECONDS.toNanos(chunk) / perSecond) : now;
    }
}
