package io.messaging.ws;

import io.messaging.wire.WireJson;
import jakarta.websocket.Session;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.glassfish.tyrus.spi.Writer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The Engine.IO sessions of this node: creation, lookup, heartbeat timers and the open packet. */
final class EngineServer {
    private static final Logger LOG = LoggerFactory.getLogger(EngineServer.class);
    private final Map<String, EngineSession> sessions = new ConcurrentHashMap<>();
    private final Map<String, EngineSession> recentlyClosed = new ConcurrentHashMap<>();
    private final RealTimeOptions options;
    private final ScheduledExecutorService scheduler;
    private final Function<EngineSession, SocketConnection> sockets;
    private final WebSocketFlusher flusher = new WebSocketFlusher();

    EngineServer(RealTimeOptions options, Function<EngineSession, SocketConnection> sockets) {
        this.options = options;
        this.sockets = sockets;
        this.scheduler = Executors.newScheduledThreadPool(1, runnable -> {
            Thread thread = new Thread(runnable, "engine-io-timers");
            thread.setDaemon(true);
            return thread;
        });
    }

    WebSocketFlusher flusher() {
        return flusher;
    }

    RealTimeOptions options() {
        return options;
    }

    ScheduledExecutorService scheduler() {
        return scheduler;
    }

    String newId() {
        return RandomIds.next();
    }

    SocketConnection newSocket(EngineSession session) {
        return sockets.apply(session);
    }

    /** A new session; over WebSocket its open packet is sent at once, over polling the caller answers it. */
    EngineSession open(Handshake handshake, Session webSocket, Writer frames) {
        boolean overWebSocket = webSocket != null;
        var session = new EngineSession(newId(), handshake, this, webSocket, frames);
        sessions.put(session.id, session);
        if (overWebSocket) {
            session.send(Frame.of(openPacket(session, false)));
        }
        session.start();
        LOG.debug(
                "session {} opened over {} from {}",
                session.id,
                overWebSocket ? "websocket" : "polling",
                handshake.remoteAddress());
        return session;
    }

    /** {@code 0{"sid","upgrades","pingInterval","pingTimeout","maxPayload"}}. */
    String openPacket(EngineSession session, boolean canUpgrade) {
        var open = WireJson.MAPPER.createObjectNode().put("sid", session.id);
        var upgrades = open.putArray("upgrades");
        if (canUpgrade) {
            upgrades.add("websocket");
        }
        open.put("pingInterval", options.pingInterval().toMillis())
                .put("pingTimeout", options.pingTimeout().toMillis())
                .put("maxPayload", options.maxPayload());
        return EnginePacketType.OPEN.encode(WireJson.write(open));
    }

    /** An open session, or one closed by its client a moment ago (see {@link #keepClosedAWhile}). */
    EngineSession session(String id) {
        EngineSession open = sessions.get(id);
        return open != null ? open : recentlyClosed.get(id);
    }

    void forget(EngineSession session) {
        sessions.remove(session.id, session);
    }

    /**
     * Keeps a session its client is closing findable for a moment (the ping timeout, at least a second), so a
     * request of that client that was overtaken by the close still gets its answer. Such a session counts nowhere.
     */
    void keepClosedAWhile(EngineSession session) {
        recentlyClosed.put(session.id, session);
        long linger = Math.max(1000, options.pingTimeout().toMillis());
        scheduler.schedule(() -> forgetClosed(session), linger, TimeUnit.MILLISECONDS);
    }

    void forgetClosed(EngineSession session) {
        recentlyClosed.remove(session.id, session);
    }

    int size() {
        return sessions.size();
    }

    Collection<EngineSession> all() {
        return List.copyOf(sessions.values());
    }

    /** Closes every session with the protocol's close packet, then stops the timers. */
    void close() {
        all().forEach(session -> session.close("server shutting down", true));
        scheduler.shutdownNow();
        flusher.close();
    }
}
