package io.messaging.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.messaging.core.contract.SampleEvents;
import io.messaging.core.model.DomainEvent;
import io.messaging.core.model.UserId;
import io.messaging.core.port.out.PresenceRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two nodes on one real Redis: events cross between them once and in order, a conversation's messages keep their
 * seq order across nodes, a killed node's users go offline, a Redis that goes away and comes back loses none of
 * the events queued meanwhile, and both nodes take from one token bucket. Waits are for something to happen, bounded generously; none measures speed.
 */
class RedisNodesTest {
    private static final long WAIT_SECONDS = 20;
    private final List<AutoCloseable> opened = new ArrayList<>();
    private final String prefix = "nodes-" + UUID.randomUUID() + ":";

    @AfterEach
    void closeAll() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
    }

    private RedisServer redis() throws Exception {
        var redis = RedisServer.start();
        opened.add(redis);
        return redis;
    }

    private RedisState node(RedisServer redis, Duration ttl) {
        var state = RedisState.connect(
                redis.url(),
                RedisState.Settings.defaults().withKeyPrefix(prefix).withNodeTtl(ttl));
        opened.add(state);
        return state;
    }

    private static BlockingQueue<DomainEvent> received(RedisState node) {
        BlockingQueue<DomainEvent> received = new LinkedBlockingQueue<>();
        node.eventBus().subscribe(received::add);
        return received;
    }

    private static DomainEvent next(BlockingQueue<DomainEvent> received) throws InterruptedException {
        DomainEvent event = received.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertNotNull(event, "an event did not arrive");
        return event;
    }

    private static DomainEvent.MessageCreated message(long seq) {
        return new DomainEvent.MessageCreated(SampleEvents.message(seq), List.of(UserId.of("alice")), Optional.empty());
    }

    private static <T> T eventually(Supplier<T> probe, Predicate<T> done) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        T value = probe.get();
        while (!done.test(value)) {
            assertTrue(System.nanoTime() < deadline, "still " + value);
            Thread.sleep(50);
            value = probe.get();
        }
        return value;
    }

    @Test
    void everyEventOfOneNodeReachesBothNodesOnceInOrder() throws Exception {
        var redis = redis();
        var a = node(redis, Duration.ofSeconds(5));
        var b = node(redis, Duration.ofSeconds(5));
        var atA = received(a);
        var atB = received(b);
        BlockingQueue<DomainEvent> localAtB = new LinkedBlockingQueue<>();
        b.eventBus().subscribeToLocal(localAtB::add);
        var published = new ArrayList<DomainEvent>();
        for (int seq = 1; seq <= 200; seq++) {
            published.add(message(seq));
            a.eventBus().publish(published.get(seq - 1));
        }
        for (DomainEvent event : published) {
            assertEquals(event, next(atB));
            assertEquals(event, next(atA));
        }
        a.eventBus().publish(message(201));
        assertEquals(message(201), next(atA));
        assertEquals(message(201), next(atB));
        assertNull(atA.poll(), "an event arrived twice");
        assertTrue(localAtB.isEmpty(), "another node's events reached a local subscriber");
    }

    @Test
    void aConversationsMessagesEnterTheStreamInSeqOrderWhicheverNodeStoredThem() throws Exception {
        var redis = redis();
        var a = node(redis, Duration.ofSeconds(5));
        var b = node(redis, Duration.ofSeconds(5));
        var atB = received(b);
        a.eventBus().publish(message(1));
        assertEquals(1, ((DomainEvent.MessageCreated) next(atB)).message().seq());
        b.eventBus().publish(message(3));
        Thread.sleep(30); // the node that stored seq 2 publishes it a moment after the node that stored seq 3
        a.eventBus().publish(message(2));
        assertEquals(2, ((DomainEvent.MessageCreated) next(atB)).message().seq());
        assertEquals(3, ((DomainEvent.MessageCreated) next(atB)).message().seq());
    }

    @Test
    void presenceIsPerUserAcrossNodesAndAKilledNodesUsersGoOfflineOnce() throws Exception {
        var redis = redis();
        var a = node(redis, Duration.ofSeconds(1));
        var b = node(redis, Duration.ofSeconds(1));
        var alice = UserId.of("alice");
        var bob = UserId.of("bob");
        PresenceRegistry atA = a.presenceRegistry();
        PresenceRegistry atB = b.presenceRegistry();
        assertTrue(atA.connect(alice, "tab-1"));
        assertFalse(atB.connect(alice, "tab-1"), "a second tab, on the other node, with the same socket id");
        assertTrue(atA.connect(bob, "tab-2"));
        assertEquals(Set.of(alice, bob), atB.onlineAmong(List.of(alice, bob)));
        assertFalse(atB.disconnect(alice, "tab-1"), "alice still has her tab on node a");

        a.halt();

        var swept = eventually(atB::sweep, sweep -> !sweep.wentOffline().isEmpty());
        assertEquals(Set.of(alice, bob), Set.copyOf(swept.wentOffline()));
        assertEquals(List.of(), atB.sweep().wentOffline(), "reported once");
        assertEquals(Set.of(), atB.onlineAmong(List.of(alice, bob)));
    }

    @Test
    void whileRedisIsAwayANodeServesItsOwnAndCatchesTheOthersUpAfter() throws Exception {
        var redis = redis();
        var a = node(redis, Duration.ofSeconds(5));
        var b = node(redis, Duration.ofSeconds(5));
        var atA = received(a);
        var atB = received(b);
        a.eventBus().publish(message(1));
        assertEquals(message(1), next(atA));
        assertEquals(message(1), next(atB));

        redis.kill();
        eventually(() -> a.health().up(), up -> !up);
        for (int seq = 2; seq <= 20; seq++) {
            a.eventBus().publish(message(seq));
        }
        for (int seq = 2; seq <= 20; seq++) {
            assertEquals(message(seq), next(atA), "node a's own sockets are served while Redis is away");
        }
        assertTrue(a.health().queuedEvents() > 0, "the events wait for Redis");
        assertNull(atB.poll(), "node b cannot hear node a without Redis");

        redis.restart();
        for (int seq = 2; seq <= 20; seq++) {
            assertEquals(message(seq), next(atB), "queued events reach node b once Redis is back");
        }
        eventually(() -> a.health(), health -> health.up() && health.queuedEvents() == 0);
        a.eventBus().publish(message(21));
        assertEquals(message(21), next(atA));
        assertNull(atA.poll(), "node a got one of its own events twice");
        assertTrue(a.health().outages() >= 1);
    }

    @Test
    void bothNodesTakeFromOneTokenBucketAndATakeFailsAtOnceWhileRedisIsAway() throws Exception {
        var redis = redis();
        var a = node(redis, Duration.ofSeconds(5));
        var b = node(redis, Duration.ofSeconds(5));
        String key = "events:user:" + UUID.randomUUID();
        long start = System.nanoTime();
        int first = take(a, key);
        int second = take(b, key);
        int third = take(a, key);
        // a token a second comes back: only a stalled machine sees one during these three commands
        long refilled = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
        assertEquals(6, first, "a new bucket is full");
        assertTrue(second >= 4 && second <= 4 + refilled, "node b gets what node a left of the ten: " + second);
        assertTrue(third <= refilled, "and node a nothing more: " + third);

        redis.kill();
        eventually(() -> a.health().up(), up -> !up);
        var failed = a.tokenBuckets().take(key, 6, 1, 10).toCompletableFuture();
        assertThrows(ExecutionException.class, () -> failed.get(WAIT_SECONDS, TimeUnit.SECONDS));
    }

    /** Takes up to six tokens of a bucket of ten that refills one a second. */
    private static int take(RedisState node, String key) throws Exception {
        return node.tokenBuckets().take(key, 6, 1, 10).toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
    }
}
