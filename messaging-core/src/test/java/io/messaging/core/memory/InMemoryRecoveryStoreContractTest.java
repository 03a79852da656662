package io.messaging.core.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.messaging.core.contract.AbstractRecoveryStoreContractTest;
import io.messaging.core.port.out.RecoveryStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The recovery store contract against the in-memory store, and how it forgets kept sessions. */
class InMemoryRecoveryStoreContractTest extends AbstractRecoveryStoreContractTest {
    @Override
    protected RecoveryStore newStore(Duration window, int sessionEvents, int totalEvents, Clock clock) {
        return new InMemoryRecoveryStore(window, sessionEvents, totalEvents, clock);
    }

    @Test
    void keptSessionsAreForgottenOldestFirstOncePastTheWindow() {
        Instant start = Instant.parse("2026-12-01T10:00:00Z");
        var store = new InMemoryRecoveryStore(
                Duration.ofMinutes(2), 3, 5, Clock.fixed(start.plus(Duration.ofMinutes(3)), ZoneOffset.UTC));
        store.keep(session("pid-old", start));
        store.keep(session("pid-again", start));
        store.keep(session("pid-new", start.plus(Duration.ofMinutes(2))));
        // kept again later: it expires with its new time, not where it was first kept
        store.keep(session("pid-again", start.plus(Duration.ofMinutes(2))));

        store.record(Set.of("conversation:c1"), "", "", "2[\"a\",{}]", false);

        assertEquals(2, store.sessions());
        assertTrue(store.take("pid-old", "bob").isEmpty());
        assertTrue(store.take("pid-again", "bob").isPresent());
        assertTrue(store.take("pid-new", "bob").isPresent());
    }

    private static RecoveryStore.KeptSession session(String pid, Instant disconnectedAt) {
        return new RecoveryStore.KeptSession(pid, "socket-" + pid, "bob", Set.of("user:bob"), 0, disconnectedAt);
    }
}
