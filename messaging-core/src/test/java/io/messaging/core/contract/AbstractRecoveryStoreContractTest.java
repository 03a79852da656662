package io.messaging.core.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.messaging.core.port.out.RecoveryStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link RecoveryStore}, run against every adapter: replay in order of what reached a socket, a
 * session taken once and by its owner only, the window, the per-session cap and the total capacity.
 */
public abstract class AbstractRecoveryStoreContractTest {
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final Set<String> ROOMS = Set.of("user:bob", "conversation:c1");

    private Instant now = START;
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private RecoveryStore store;

    /** A new, empty store with these bounds that reads the time from {@code clock}. */
    protected abstract RecoveryStore newStore(Duration window, int sessionEvents, int totalEvents, Clock clock);

    @BeforeEach
    void createStore() {
        store = newStore(Duration.ofMinutes(2), 3, 5, clock);
    }

    private RecoveryStore.KeptSession bob(long connectedAfter) {
        return new RecoveryStore.KeptSession("pid-1", "socket-1", "bob", ROOMS, connectedAfter, now);
    }

    private List<Long> offsets(RecoveryStore.Missed missed) {
        return missed.broadcasts().stream().map(RecoveryStore.Broadcast::offset).toList();
    }

    @Test
    void replaysWhatReachedTheSocketAfterItsOffsetInOrder() {
        long seen = store.record(Set.of("conversation:c1"), "", "", "2[\"a\",{}]", false);
        long mine = store.record(Set.of("conversation:c1"), "", "", "2[\"b\",{}]", false);
        store.record(Set.of("conversation:c2"), "", "", "2[\"other room\",{}]", false);
        store.record(Set.of("conversation:c1"), "socket-1", "", "2[\"its own message\",{}]", false);
        store.record(Set.of("conversation:c1"), "", "bob", "2[\"its own typing\",{}]", true);
        long notification = store.record(Set.of("user:bob", "user:carol"), "", "", "2[\"c\",{}]", false);

        var missed = store.missedSince(seen, ROOMS, "socket-1", "bob").orElseThrow();

        assertEquals(List.of(mine, notification), offsets(missed));
        assertEquals(store.latestOffset(), missed.upTo());
    }

    @Test
    void aSessionIsTakenOnceAndOnlyByItsUser() {
        store.keep(bob(0));
        assertTrue(store.take("pid-1", "mallory").isEmpty());
        assertEquals(1, store.sessions());
        assertEquals("socket-1", store.take("pid-1", "bob").orElseThrow().socketId());
        assertTrue(store.take("pid-1", "bob").isEmpty());
        assertEquals(0, store.sessions());
    }

    @Test
    void aSessionPastTheWindowIsGone() {
        store.keep(bob(0));
        now = now.plus(Duration.ofMinutes(2)).plusMillis(1);
        assertTrue(store.take("pid-1", "bob").isEmpty());
    }

    @Test
    void moreMissedEventsThanTheSessionCapAreNotRecoverable() {
        long first = 0;
        for (int i = 0; i < 3; i++) {
            long offset = store.record(Set.of("conversation:c1"), "", "", "2[\"m\",{}]", false);
            first = i == 0 ? offset : first;
        }
        assertEquals(
                3,
                store.missedSince(0, ROOMS, "socket-1", "bob")
                        .orElseThrow()
                        .broadcasts()
                        .size());
        long fourth = store.record(Set.of("conversation:c1"), "", "", "2[\"m\",{}]", false);
        assertTrue(store.missedSince(0, ROOMS, "socket-1", "bob").isEmpty());
        var afterFirst =
                store.missedSince(first, ROOMS, "socket-1", "bob").orElseThrow().broadcasts();
        assertEquals(3, afterFirst.size());
        assertEquals(fourth, afterFirst.get(2).offset());
    }

    @Test
    void aBroadcastForgottenBecauseTheLogWasFullMakesOlderOffsetsUnrecoverable() {
        long[] offsets = new long[7];
        for (int i = 0; i < 7; i++) {
            offsets[i] = store.record(Set.of("conversation:elsewhere"), "", "", "2[\"m\",{}]", false);
        }
        assertEquals(5, store.broadcasts());
        assertTrue(store.missedSince(offsets[0], ROOMS, "socket-1", "bob").isEmpty());
        assertTrue(store.missedSince(offsets[1], ROOMS, "socket-1", "bob")
                .orElseThrow()
                .broadcasts()
                .isEmpty());
        assertTrue(store.missedSince(offsets[6] + 1, ROOMS, "socket-1", "bob").isEmpty(), "an offset never given");
    }

    @Test
    void offsetsIncreaseAndTheLatestIsTheLastRecorded() {
        assertEquals(0, store.latestOffset());
        long first = store.record(Set.of("conversation:c1"), "", "", "2[\"a\",{}]", false);
        long second = store.record(Set.of("conversation:c1"), "", "", "2[\"b\",{}]", false);
        assertTrue(first > 0 && second > first);
        assertEquals(second, store.latestOffset());
    }

    @Test
    void aReplayedBroadcastKeepsItsPacketAndDroppability() {
        long before = store.latestOffset();
        store.record(Set.of("conversation:c1"), "", "", "2[\"user_typing\",{\"isTyping\":true}]", true);
        var replayed = store.missedSince(before, ROOMS, "socket-1", "bob")
                .orElseThrow()
                .broadcasts()
                .get(0);
        assertEquals("2[\"user_typing\",{\"isTyping\":true}]", replayed.packet());
        assertTrue(replayed.droppable());
        assertEquals(Set.of("conversation:c1"), replayed.rooms());
    }

    @Test
    void aKeptSessionComesBackWhole() {
        store.keep(bob(42));
        var taken = store.take("pid-1", "bob").orElseThrow();
        assertEquals(new RecoveryStore.KeptSession("pid-1", "socket-1", "bob", ROOMS, 42, START), taken);
    }

    @Test
    void broadcastsPastTwiceTheWindowAreForgotten() {
        store.record(Set.of("conversation:c1"), "", "", "2[\"old\",{}]", false);
        now = now.plus(Duration.ofMinutes(4)).plusMillis(1);
        store.record(Set.of("conversation:c1"), "", "", "2[\"new\",{}]", false);
        assertEquals(1, store.broadcasts());
    }
}
