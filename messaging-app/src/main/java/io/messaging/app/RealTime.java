package io.messaging.app;

import io.messaging.core.Messaging;
import io.messaging.ws.RealTimeOptions;
import io.messaging.ws.RealTimeServer;
import java.util.Optional;
import org.glassfish.grizzly.http.server.HttpServer;

/** The Socket.IO adapter configured from the environment and attached to the server's listener. */
final class RealTime implements AutoCloseable {
    private final RealTimeServer server;

    private RealTime(RealTimeServer server) {
        this.server = server;
    }

    static RealTime attach(
            Messaging core,
            ServerConfig config,
            HttpServer http,
            ServerMetrics metrics,
            Optional<ClusterNode> cluster) {
        var options = RealTimeOptions.defaults()
                .withHeartbeat(config.socketPingInterval(), config.socketPingTimeout())
                .withConnectTimeout(config.socketConnectTimeout())
                .withMaxPayload(config.socketMaxPayload())
                .withAllowedOrigin(config.clientOrigin())
                .withEventLimits(
                        config.limits().socketEventRate(), config.limits().socketEventBurst());
        var server = cluster.map(node -> RealTimeServer.create(
                        core,
                        options,
                        config.socketRecovery(),
                        node.recoveryStore(config.socketRecovery()),
                        node.tokenBuckets()))
                .orElseGet(() -> RealTimeServer.create(core, options, config.socketRecovery()));
        server.attachTo(http);
        metrics.gauge("messaging.connections", "live real-time connections", server::connectionCount);
        metrics.gauge(
                "messaging.connected.users",
                "users with a connected socket (and an event allowance)",
                server::usersWithAllowance);
        metrics.gauge(
                "messaging.recovery.sessions",
                "dropped sockets kept for connection state recovery",
                server::recoverableSessions);
        metrics.gauge(
                "messaging.recovery.events",
                "broadcasts kept for connection state recovery",
                server::recoveryBufferedEvents);
        metrics.gauge("messaging.typing.states", "typing indicators on now", core.expireTyping()::active);
        metrics.counter("messaging.deliveries", "server events delivered to sockets", server::deliveries);
        return new RealTime(server);
    }

    @Override
    public void close() {
        server.close();
    }
}
