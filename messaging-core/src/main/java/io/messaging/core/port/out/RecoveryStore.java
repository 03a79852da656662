package io.messaging.core.port.out;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Where the real-time adapter's connection state recovery keeps what a dropped socket needs to come back: the
 * broadcasts that carry an offset, and the sockets that dropped unexpectedly. In memory on one node; a shared
 * store (several nodes) lets a client recover on another node, as long as every node gives the same broadcast the
 * same offset.
 *
 * <p>Contract: implementations are thread-safe. Offsets are positive, and each {@link #record} returns an offset
 * greater than every offset it returned before. A store is bounded: it forgets sessions past their window and the oldest
 * broadcasts past its capacity, and a session that would need a forgotten broadcast, or more than its cap, is
 * not recoverable ({@link #missedSince} is empty). No method accepts or returns null.
 */
public interface RecoveryStore {

    /** One broadcast: its offset, the rooms it went to, who it skipped, and its Socket.IO packet without offset. */
    record Broadcast(
            long offset,
            Set<String> rooms,
            String exceptSocketId,
            String exceptUserId,
            String packet,
            boolean droppable,
            Instant emittedAt) {
        /** Whether a socket of this user, with this id, in these rooms received it. */
        public boolean reaches(Set<String> socketRooms, String socketId, String userId) {
            return !socketId.equals(exceptSocketId)
                    && !userId.equals(exceptUserId)
                    && rooms.stream().anyMatch(socketRooms::contains);
        }
    }

    /**
     * A socket that dropped unexpectedly: its private session id, socket id, user, rooms, the offset it had
     * received everything up to when it connected, and when it dropped.
     */
    record KeptSession(
            String pid,
            String socketId,
            String userId,
            Set<String> rooms,
            long connectedAfter,
            Instant disconnectedAt) {
        public KeptSession {
            rooms = Set.copyOf(rooms);
        }
    }

    /** The broadcasts a session missed after its offset, oldest first, and the store's latest offset when read. */
    record Missed(List<Broadcast> broadcasts, long upTo) {
        public Missed {
            broadcasts = List.copyOf(broadcasts);
        }
    }

    /**
     * Records a broadcast and returns its offset. {@code exceptSocketId} and {@code exceptUserId} name the socket
     * and the user it skips ({@code ""} for none).
     */
    long record(Set<String> rooms, String exceptSocketId, String exceptUserId, String packet, boolean droppable);

    /** The latest offset recorded (0 before the first). */
    long latestOffset();

    /** Keeps a session for its window; a later {@link #keep} with the same pid replaces it. */
    void keep(KeptSession session);

    /**
     * Takes out the session with this pid if it is within its window and belongs to this user; a session of
     * another user stays where it is and the answer is empty.
     */
    Optional<KeptSession> take(String pid, String userId);

    /**
     * The broadcasts after {@code offset} that reached a socket with these rooms, id and user, or empty when some
     * of them are forgotten or they are more than a session may replay.
     */
    Optional<Missed> missedSince(long offset, Set<String> rooms, String socketId, String userId);

    /** Sessions kept now. */
    int sessions();

    /** Broadcasts held now. */
    int broadcasts();
}
