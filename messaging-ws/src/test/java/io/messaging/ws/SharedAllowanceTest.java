package io.messaging.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.messaging.core.memory.InMemoryTokenBuckets;
import io.messaging.core.model.UserId;
import io.messaging.core.port.out.TokenBuckets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A user's event allowance shared by two nodes on a hand-moved clock: the burst holds once for both, a chunk on its
 * way lets a chunk of events go ahead on credit and no more, an empty bucket gives no credit, and a store that
 * cannot be reached leaves each node limiting alone.
 */
class SharedAllowanceTest {
    private static final int BURST = 20;
    private static final int CHUNK = SharedAllowance.chunk(BURST);
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final UserId user = UserId.of("u1");

    /** Answers only when the test says so. */
    private static final class HeldAnswers implements TokenBuckets {
        final List<CompletableFuture<Integer>> asked = new ArrayList<>();

        @Override
        public synchronized CompletionStage<Integer> take(String key, int wanted, int perSecond, int burst) {
            var answer = new CompletableFuture<Integer>();
            asked.add(answer);
            return answer;
        }

        synchronized CompletableFuture<Integer> last() {
            return asked.get(asked.size() - 1);
        }
    }

    private EventLimits node(TokenBuckets shared) {
        return new EventLimits(1, BURST, now::get, Optional.of(shared));
    }

    private int allowed(EventLimits limits, EventAllowance socket, int events) {
        int allowed = 0;
        for (int i = 0; i < events; i++) {
            if (limits.take(socket, user) == EventAllowance.Verdict.ALLOWED) {
                allowed++;
            }
        }
        return allowed;
    }

    @Test
    void aUserWithSocketsOnTwoNodesHasOneBurstBetweenThem() {
        var shared = new InMemoryTokenBuckets(now::get);
        var a = node(shared);
        var b = node(shared);
        a.connected(user);
        b.connected(user);
        var atA = a.forSocket();
        var atB = b.forSocket();
        int allowed = 0;
        for (int i = 0; i < BURST; i++) {
            allowed += allowed(a, atA, 1) + allowed(b, atB, 1);
        }
        assertEquals(BURST, allowed, "40 events, each node's own allowance would let 20 through on each");

        now.addAndGet(30_000_000_000L);
        assertEquals(BURST, allowed(a, atA, BURST + 5), "once the bucket is full again, one node may spend all of it");
        assertEquals(0, allowed(b, atB, 5), "and the other then nothing");
    }

    @Test
    void whileAChunkIsOnItsWayAChunkOfEventsGoesAheadOnCreditWhichTheChunkPays() {
        var shared = new HeldAnswers();
        var limits = node(shared);
        limits.connected(user);
        var socket = limits.forSocket();
        assertEquals(1, shared.asked.size(), "the first chunk is asked for at the first connect");
        assertEquals(CHUNK, allowed(limits, socket, CHUNK + 3), "on credit, a chunk and no more");

        shared.last().complete(CHUNK);
        assertEquals(1, allowed(limits, socket, 1), "the chunk paid the credit; on credit again");
        assertEquals(2, shared.asked.size(), "while the next chunk is asked for");
        shared.last().complete(0);
        assertEquals(0, allowed(limits, socket, 3), "an empty bucket: no credit");
        assertEquals(2, shared.asked.size(), "and not asked again before it had the time to refill a chunk");

        now.addAndGet(1_000_000_000L);
        assertEquals(1, allowed(limits, socket, 1), "then asked again, with credit again");
        assertEquals(3, shared.asked.size());
    }

    @Test
    void aStoreThatCannotBeReachedLeavesTheNodeLimitingTheUserAlone() {
        var shared = new HeldAnswers();
        var limits = node(shared);
        limits.connected(user);
        shared.last().completeExceptionally(new IllegalStateException("Redis away"));
        var first = limits.forSocket();
        var second = limits.forSocket();
        assertEquals(BURST, allowed(limits, first, BURST / 2) + allowed(limits, second, BURST));
        assertEquals(1, shared.asked.size(), "not asked again before a second has passed");

        now.addAndGet(30_000_000_000L);
        assertEquals(EventAllowance.Verdict.ALLOWED, limits.take(first, user));
        assertEquals(2, shared.asked.size(), "asked again later");
    }
}
