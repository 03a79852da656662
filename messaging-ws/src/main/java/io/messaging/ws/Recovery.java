package io.messaging.ws;

import io.messaging.core.port.out.RecoveryStore;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Connection state recovery on this node: the store, private session ids, and the presence grace that keeps a
 * dropped user online until the socket either comes back or the grace ends.
 */
final class Recovery {
    /** The disconnect reasons a client did not choose, after which the official server keeps the session. */
    private static final Set<String> RECOVERABLE = Set.of("transport close", "transport error", "ping timeout");

    private final RecoveryStore store;
    private final RecoveryOptions options;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    /** The pids whose user goes offline when their grace ends, each with what does it. */
    private final Map<String, Runnable> awaitingOffline = new ConcurrentHashMap<>();

    Recovery(RecoveryStore store, RecoveryOptions options, ScheduledExecutorService scheduler, Clock clock) {
        this.clock = clock;
        this.store = store;
        this.options = options;
        this.scheduler = scheduler;
    }

    boolean enabled() {
        return options.enabled();
    }

    RecoveryStore store() {
        return store;
    }

    static boolean recoverable(String reason) {
        return RECOVERABLE.contains(reason);
    }

    Instant now() {
        return clock.instant();
    }

    String newPid() {
        return RandomIds.next();
    }

    /** Keeps a dropped socket's session, and runs {@code goOffline} after the grace unless it resumes first. */
    void keep(RecoveryStore.KeptSession session, Runnable goOffline) {
        store.keep(session);
        awaitingOffline.put(session.pid(), goOffline);
        // run under the entry's lock, so that a resume at the same moment waits and then finds the user offline
        scheduler.schedule(
                () -> awaitingOffline.computeIfPresent(session.pid(), (pid, pending) -> {
                    if (pending == goOffline) {
                        goOffline.run();
                        return null;
                    }
                    return pending;
                }),
                options.presenceGrace().toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /**
     * A session came back: true if its user is still online (the grace had not ended), so nothing is sent; false
     * once the grace has ended and its user went offline.
     */
    boolean resume(String pid) {
        return awaitingOffline.remove(pid) != null;
    }
}
