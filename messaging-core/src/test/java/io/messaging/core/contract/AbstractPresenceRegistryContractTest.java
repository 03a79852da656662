package io.messaging.core.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.messaging.core.model.UserId;
import io.messaging.core.port.out.PresenceRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link PresenceRegistry}, run against every adapter: the first and last session are the edges,
 * each call is idempotent per session, and of racing calls exactly one sees an edge.
 */
public abstract class AbstractPresenceRegistryContractTest {
    private static final UserId ALICE = UserId.of("alice");
    private static final UserId BOB = UserId.of("bob");

    /** A new, empty registry. */
    protected abstract PresenceRegistry newRegistry();

    @Test
    void theFirstSessionBringsAUserOnlineAndTheLastTakesThemOffline() {
        var registry = newRegistry();
        assertTrue(registry.connect(ALICE, "s1"));
        assertFalse(registry.connect(ALICE, "s2"));
        assertFalse(registry.connect(ALICE, "s1"), "the same session again");
        assertEquals(Set.of(ALICE), registry.onlineAmong(List.of(ALICE, BOB)));
        assertFalse(registry.disconnect(ALICE, "s1"));
        assertFalse(registry.disconnect(ALICE, "s1"), "the same session again");
        assertTrue(registry.disconnect(ALICE, "s2"));
        assertEquals(Set.of(), registry.onlineAmong(List.of(ALICE, BOB)));
    }

    @Test
    void anUnknownSessionEndsNothing() {
        var registry = newRegistry();
        registry.connect(ALICE, "s1");
        assertFalse(registry.disconnect(ALICE, "other"));
        assertFalse(registry.disconnect(BOB, "s1"));
        assertEquals(Set.of(ALICE), registry.onlineAmong(List.of(ALICE, BOB)));
    }

    @Test
    void ofRacingSessionsExactlyOneSeesEachEdge() throws Exception {
        var registry = newRegistry();
        var pool = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 20; round++) {
                int r = round;
                List<Callable<Boolean>> connects = new ArrayList<>();
                List<Callable<Boolean>> disconnects = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    String session = "r" + r + "-s" + i;
                    connects.add(() -> registry.connect(BOB, session));
                    disconnects.add(() -> registry.disconnect(BOB, session));
                }
                assertEquals(1, edges(pool.invokeAll(connects)), "online edges in round " + r);
                assertEquals(1, edges(pool.invokeAll(disconnects)), "offline edges in round " + r);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static long edges(List<java.util.concurrent.Future<Boolean>> results) throws Exception {
        long edges = 0;
        for (var result : results) {
            edges += result.get() ? 1 : 0;
        }
        return edges;
    }

    @Test
    void aRegistryOfOneNodeSweepsNothingAway() {
        var registry = newRegistry();
        registry.connect(ALICE, "s1");
        var swept = registry.sweep();
        assertTrue(swept.wentOffline().isEmpty() && swept.cameOnline().isEmpty());
        assertEquals(Set.of(ALICE), registry.onlineAmong(List.of(ALICE)));
    }
}
