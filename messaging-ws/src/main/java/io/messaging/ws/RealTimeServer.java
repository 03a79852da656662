package io.messaging.ws;

import io.messaging.core.memory.InMemoryRecoveryStore;
import io.messaging.core.model.DomainEvent;
import io.messaging.core.model.UserId;
import io.messaging.core.port.in.UseCases;
import io.messaging.core.port.out.EventBus;
import io.messaging.core.port.out.RecoveryStore;
import io.messaging.core.port.out.TokenBuckets;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerEndpointConfig;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.strategies.LeaderFollowerNIOStrategy;
import org.glassfish.tyrus.core.TyrusWebSocketEngine;
import org.glassfish.tyrus.server.TyrusServerContainer;
import org.glassfish.tyrus.spi.WebSocketEngine;

/**
 * The real-time adapter: Socket.IO v4 (Engine.IO 4, Socket.IO 5) over WebSocket and long-polling at
 * {@code /socket.io/}, carrying the chat's events between clients and the core.
 */
public final class RealTimeServer implements AutoCloseable {
    private final EngineServer engine;
    private final Rooms rooms = new Rooms();
    private final EventLimits limits;
    private final EventBus.Subscription subscription;
    private final EventBus.Subscription revocations;
    private final TyrusServerContainer container;
    private final RecoveryStore recoveryStore;
    private final Recovery recovery;

    private RealTimeServer(
            UseCases core,
            RealTimeOptions options,
            RecoveryOptions recoveryOptions,
            RecoveryStore recoveryStore,
            Optional<TokenBuckets> eventBuckets) {
        this.limits = new EventLimits(options.eventRate(), options.eventBurst(), System::nanoTime, eventBuckets);
        var chat = new ChatEvents(
                new ChatEvents.InPorts(
                        core.authenticate(),
                        core.sendMessage(),
                        core.markRead(),
                        core.viewConversation(),
                        core.setTyping(),
                        core.connect(),
                        core.listOnlineContacts(),
                        core.scheduleMessage(),
                        core.listDevices()),
                rooms,
                limits);
        this.engine = new EngineServer(options, session -> newSocket(session, chat));
        this.recovery = new Recovery(recoveryStore, recoveryOptions, engine.scheduler(), Clock.systemUTC());
        this.recoveryStore = recoveryStore;
        this.subscription = core.events().subscribe(new EventFanout(rooms, recovery));
        this.revocations = core.events().subscribe(event -> {
            if (event instanceof DomainEvent.TokensRevoked revoked) {
                disconnectUser(revoked.userId());
            }
        });
        this.container = new TyrusServerContainer((Set<Class<?>>) null) {
            private final WebSocketEngine webSockets = new GuardedEngine(
                    TyrusWebSocketEngine.builder(this)
                            .incomingBufferSize(options.maxPayload() + 1024)
                            .build(),
                    options.maxPayload());
            private final ScheduledExecutorService idleTimers = idleTimers();

            @Override
            public ScheduledExecutorService getScheduledExecutorService() {
                return idleTimers;
            }

            @Override
            public void register(Class<?> endpointClass) throws DeploymentException {
                webSockets.register(endpointClass, "");
            }

            @Override
            public void register(ServerEndpointConfig config) throws DeploymentException {
                webSockets.register(config, "");
            }

            @Override
            public WebSocketEngine getWebSocketEngine() {
                return webSockets;
            }
        };
    }

    /** Called for sessions only once the server runs, when every field is set. */
    private SocketConnection newSocket(EngineSession session, ChatEvents chat) {
        return new SocketConnection(session, chat, recovery, session.id);
    }

    /**
     * Tyrus re-arms a session's idle timer on every frame in or out, and with no idle timeout set it schedules a
     * task that runs at once, waking a pool thread per frame. A timeout beyond the Engine.IO heartbeat (which
     * closes dead sessions first) keeps each re-arm a cancel and an insert into this queue, and cancelled timers
     * leave it at once.
     */
    private static ScheduledExecutorService idleTimers() {
        var timers = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "websocket-idle-timers");
            thread.setDaemon(true);
            return thread;
        });
        timers.setRemoveOnCancelPolicy(true);
        return timers;
    }

    /** The adapter for this core, with connection state recovery on its defaults, kept in memory. */
    public static RealTimeServer create(UseCases core, RealTimeOptions options) {
        return create(core, options, RecoveryOptions.defaults());
    }

    /**
     * The adapter for this core with these recovery bounds, kept in memory; nothing listens until
     * {@link #attachTo} and the HTTP server starts.
     */
    public static RealTimeServer create(UseCases core, RealTimeOptions options, RecoveryOptions recovery) {
        return create(
                core,
                options,
                recovery,
                new InMemoryRecoveryStore(
                        recovery.window(), recovery.sessionEvents(), recovery.totalEvents(), Clock.systemUTC()));
    }

    /**
     * The adapter for this core with recovery kept in {@code store}, made with the same bounds: a store shared by
     * several nodes lets a client recover on another node.
     */
    public static RealTimeServer create(
            UseCases core, RealTimeOptions options, RecoveryOptions recovery, RecoveryStore store) {
        return new RealTimeServer(core, options, recovery, store, Optional.empty());
    }

    /**
     * The adapter of one of several nodes: recovery kept in {@code store} and each user's event allowance taken from
     * {@code eventBuckets} as well, both shared with the other nodes, so that a user's limit holds once across them.
     */
    public static RealTimeServer create(
            UseCases core,
            RealTimeOptions options,
            RecoveryOptions recovery,
            RecoveryStore store,
            TokenBuckets eventBuckets) {
        return new RealTimeServer(core, options, recovery, store, Optional.of(eventBuckets));
    }

    /**
     * Serves {@code /socket.io/} on every listener of the server (call before it starts): the polling handler and
     * the WebSocket upgrade. Each listener reads with Grizzly's leader-follower strategy: the selector thread that
     * finds a connection readable handles it (its frames, an HTTP request, the upgrade) and a pool thread takes over
     * selecting meanwhile, so what a connection starts may block without holding up the others, and the bytes are
     * not handed to a worker and back as with a worker-thread strategy. Under the direct workload of the
     * end-to-end benchmark that took about a tenth less CPU per message (bench/README.md).
     */
    public void attachTo(HttpServer server) {
        container.setDefaultMaxSessionIdleTimeout(engine.options()
                .pingInterval()
                .plus(engine.options().pingTimeout())
                .multipliedBy(2)
                .toMillis());
        try {
            container.register(WebSocketTransport.config(engine));
        } catch (DeploymentException e) {
            throw new IllegalStateException("the Socket.IO endpoint could not be deployed", e);
        }
        server.getServerConfiguration().addHttpHandler(new PollingHandler(engine), "/socket.io");
        for (NetworkListener listener : server.getListeners()) {
            listener.getTransport().setIOStrategy(LeaderFollowerNIOStrategy.getInstance());
            listener.registerAddOn(new WebSocketUpgrade(container.getWebSocketEngine()));
        }
    }

    /** Server events delivered to sockets on this node since start (one per recipient socket). */
    public long deliveries() {
        return rooms.deliveries();
    }

    /** A password change or reset revoked the user's tokens: every live connection of theirs ends. */
    private void disconnectUser(UserId user) {
        for (EngineSession session : engine.all()) {
            var socketUser = session.socket().user();
            if (socketUser != null && socketUser.id().equals(user)) {
                session.close("tokens revoked", true);
            }
        }
    }

    /** Users with an event allowance on this node, that is users with a connected socket. */
    public int usersWithAllowance() {
        return limits.users();
    }

    /** Dropped sockets kept for connection state recovery now. */
    public int recoverableSessions() {
        return recoveryStore.sessions();
    }

    /** Broadcasts kept for connection state recovery now. */
    public int recoveryBufferedEvents() {
        return recoveryStore.broadcasts();
    }

    /** Live Engine.IO sessions on this node. */
    public int connectionCount() {
        return engine.size();
    }

    /** Closes every connection with the protocol's close packet and stops delivering events. */
    @Override
    public void close() {
        subscription.close();
        revocations.close();
        engine.close();
    }
}
