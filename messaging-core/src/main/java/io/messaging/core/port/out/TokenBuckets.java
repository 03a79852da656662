package io.messaging.core.port.out;

import java.util.concurrent.CompletionStage;

/**
 * Token buckets by key, shared by every node that uses the same store, so that what one node takes the others
 * cannot: a node spends the tokens it took locally and comes back for more in chunks, never once per event.
 *
 * <p>Contract: a bucket holds at most {@code burst} tokens and gains {@code perSecond} a second up to that; a bucket
 * never used (or unused long enough to be full again) starts full. Each {@link #take} is atomic: of racing takes,
 * no two get the same token. Thread-safe; takes no nulls; never blocks the caller: the answer comes through the
 * returned stage, which fails when the store cannot be reached (the caller then limits on this node alone).
 */
public interface TokenBuckets {

    /**
     * Takes up to {@code wanted} tokens ({@code 1 <= wanted <= burst}) from the bucket {@code key}, after refilling
     * it for the time since it was last used: the stage completes with how many were taken, {@code 0..wanted}.
     */
    CompletionStage<Integer> take(String key, int wanted, int perSecond, int burst);

    /** Refuses what no store takes: {@code wanted} outside {@code 1..burst}, or {@code perSecond} below 1. */
    static void checkTake(int wanted, int perSecond, int burst) {
        if (wanted < 1 || wanted > burst || perSecond < 1) {
            throw new IllegalArgumentException("1 <= wanted <= burst and perSecond >= 1");
        }
    }
}
