package io.messaging.ws;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.Predicate;

/** Which sockets are in which room; lock-free, so a broadcast never waits on a join or a leave. */
final class Rooms {
    private final Map<String, Set<SocketConnection>> members = new ConcurrentHashMap<>();
    private final LongAdder deliveries = new LongAdder();

    static String conversation(String conversationId) {
        return "conversation:" + conversationId;
    }

    static String user(String userId) {
        return "user:" + userId;
    }

    void join(String room, SocketConnection socket) {
        members.computeIfAbsent(room, key -> ConcurrentHashMap.newKeySet()).add(socket);
    }

    void leave(String room, SocketConnection socket) {
        members.computeIfPresent(room, (key, sockets) -> {
            sockets.remove(socket);
            return sockets.isEmpty() ? null : sockets;
        });
    }

    /** Hands the same frame to every socket of the room that {@code include} accepts. */
    void send(String room, Frame frame, Predicate<SocketConnection> include) {
        send(room, socket -> frame, include);
    }

    /** Hands each socket of the room that {@code include} accepts the frame made for it (shared where they agree). */
    void send(String room, Function<SocketConnection, Frame> frameFor, Predicate<SocketConnection> include) {
        Set<SocketConnection> sockets = members.get(room);
        if (sockets == null) {
            return;
        }
        for (SocketConnection socket : sockets) {
            if (include.test(socket)) {
                socket.send(frameFor.apply(socket));
                deliveries.increment();
            }
        }
    }

    /** How many frames broadcasts have handed to sockets so far. */
    long deliveries() {
        return deliveries.sum();
    }

    /** The sockets in a room right now. */
    Set<SocketConnection> socketsIn(String room) {
        return Set.copyOf(members.getOrDefault(room, Set.of()));
    }
}
