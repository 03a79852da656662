package io.messaging.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The in-memory recovery store's bounds: owner only, the window, the per-session cap and the total capacity. */
class InMemoryRecoveryStoreTest {
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final Set<String> ROOMS = Set.of("user:bob", "conversation:c1");

    private Instant now = START;
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private final InMemoryRecoveryStore store =
            new InMemoryRecoveryStore(new RecoveryOptions(Duration.ofMinutes(2), 3, 5), clock);

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
        for (int i = 0; i < 3; i++) {
            store.record(Set.of("conversation:c1"), "", "", "2[\"m\",{}]", false);
        }
        assertEquals(
                3,
                store.missedSince(0, ROOMS, "socket-1", "bob")
                        .orElseThrow()
                        .broadcasts()
                        .size());
        store.record(Set.of("conversation:c1"), "", "", "2[\"m\",{}]", false);
        assertTrue(store.missedSince(0, ROOMS, "socket-1", "bob").isEmpty());
        assertEquals(
                3,
                store.missedSince(1, ROOMS, "socket-1", "bob")
                        .orElseThrow()
                        .broadcasts()
                        .size());
    }

    @Test
    void aBroadcastForgottenBecauseTheLogWasFullMakesOlderOffsetsUnrecoverable() {
        for (int i = 0; i < 7; i++) {
            store.record(Set.of("conversation:elsewhere"), "", "", "2[\"m\",{}]", false);
        }
        assertEquals(5, store.broadcasts());
        assertTrue(store.missedSince(1, ROOMS, "socket-1", "bob").isEmpty());
        assertTrue(store.missedSince(2, ROOMS, "socket-1", "bob")
                .orElseThrow()
                .broadcasts()
                .isEmpty());
        assertTrue(store.missedSince(8, ROOMS, "socket-1", "bob").isEmpty(), "an offset never given");
    }

    @Test
    void broadcastsPastTwiceTheWindowAreForgotten() {
        store.record(Set.of("conversation:c1"), "", "", "2[\"old\",{}]", false);
        now = now.plus(Duration.ofMinutes(4)).plusMillis(1);
        store.record(Set.of("conversation:c1"), "", "", "2[\"new\",{}]", false);
        assertEquals(1, store.broadcasts());
    }
}
