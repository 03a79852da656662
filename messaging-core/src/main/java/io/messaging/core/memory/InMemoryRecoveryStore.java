package io.messaging.core.memory;

import io.messaging.core.port.out.RecoveryStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The recovery store of one node: a log of the latest broadcasts and the sessions kept, both in memory and
 * bounded: sessions live for the window, broadcasts for twice the window and at most {@code totalEvents} of them,
 * and one session replays at most {@code sessionEvents}. All methods take one lock; a broadcast only appends.
 */
public final class InMemoryRecoveryStore implements RecoveryStore {
    private final Duration window;
    /** How long a broadcast is kept: computed once, as {@link Duration#multipliedBy} works in {@code BigDecimal}. */
    private final Duration broadcastLife;

    private final int sessionEvents;
    private final int totalEvents;
    private final Clock clock;
    private final ArrayDeque<Broadcast> log = new ArrayDeque<>();
    /** In the order they were kept, which is (nearly) the order they expire in. */
    private final Map<String, KeptSession> sessions = new LinkedHashMap<>();

    private long latest;
    /** The latest offset forgotten because the log was full: a session that needs it cannot recover. */
    private long overflowedUpTo;

    public InMemoryRecoveryStore(Duration window, int sessionEvents, int totalEvents, Clock clock) {
        this.window = Objects.requireNonNull(window, "window");
        this.broadcastLife = window.multipliedBy(2);
        this.sessionEvents = sessionEvents;
        this.totalEvents = totalEvents;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public synchronized long record(
            Set<String> rooms, String exceptSocketId, String exceptUserId, String packet, boolean droppable) {
        Instant now = clock.instant();
        log.addLast(new Broadcast(++latest, Set.copyOf(rooms), exceptSocketId, exceptUserId, packet, droppable, now));
        while (log.size() > totalEvents) {
            overflowedUpTo = log.removeFirst().offset();
        }
        forgetExpired(now);
        return latest;
    }

    /**
     * Forgets sessions past the window and broadcasts past twice the window: a broadcast that old reached every
     * socket still live, and every kept session dropped after it was sent. Both are looked at oldest first, up to the
     * first one still live, so a broadcast costs nothing however many sessions are kept; a session kept a moment out
     * of order is forgotten a moment late, and {@link #take} never hands out an expired one.
     */
    private void forgetExpired(Instant now) {
        Instant oldest = now.minus(broadcastLife);
        while (!log.isEmpty() && log.peekFirst().emittedAt().isBefore(oldest)) {
            log.removeFirst();
        }
        Iterator<KeptSession> oldestFirst = sessions.values().iterator();
        while (oldestFirst.hasNext() && expired(oldestFirst.next(), now)) {
            oldestFirst.remove();
        }
    }

    private boolean expired(KeptSession session, Instant now) {
        return session.disconnectedAt().plus(window).isBefore(now);
    }

    @Override
    public synchronized long latestOffset() {
        return latest;
    }

    @Override
    public synchronized void keep(KeptSession session) {
        sessions.remove(session.pid());
        sessions.put(session.pid(), session);
        forgetExpired(clock.instant());
    }

    @Override
    public synchronized Optional<KeptSession> take(String pid, String userId) {
        KeptSession session = sessions.get(pid);
        if (session == null || !session.userId().equals(userId)) {
            return Optional.empty();
        }
        sessions.remove(pid);
        return expired(session, clock.instant()) ? Optional.empty() : Optional.of(session);
    }

    @Override
    public synchronized Optional<Missed> missedSince(long offset, Set<String> rooms, String socketId, String userId) {
        if (offset < overflowedUpTo || offset > latest) {
            return Optional.empty();
        }
        var missed = new ArrayList<Broadcast>();
        var newestFirst = log.descendingIterator();
        while (newestFirst.hasNext()) {
            Broadcast broadcast = newestFirst.next();
            if (broadcast.offset() <= offset) {
                break;
            }
            if (broadcast.reaches(rooms, socketId, userId)) {
                if (missed.size() == sessionEvents) {
                    return Optional.empty();
                }
                missed.add(broadcast);
            }
        }
        Collections.reverse(missed);
        return Optional.of(new Missed(missed, latest));
    }

    @Override
    public synchronized int sessions() {
        return sessions.size();
    }

    @Override
    public synchronized int broadcasts() {
        return log.size();
    }
}
