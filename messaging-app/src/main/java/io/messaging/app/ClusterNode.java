package io.messaging.app;

import io.messaging.core.port.out.AttemptWindows;
import io.messaging.core.port.out.EventBus;
import io.messaging.core.port.out.PresenceRegistry;
import io.messaging.core.port.out.RecoveryStore;
import io.messaging.core.port.out.TokenBuckets;
import io.messaging.redis.RedisState;
import io.messaging.ws.RecoveryOptions;
import java.time.Clock;
import java.util.Optional;

/** This node's part in several nodes: the state it shares with the others through Redis, and its health. */
final class ClusterNode implements AutoCloseable {
    private final RedisState redis;

    private ClusterNode(RedisState redis) {
        this.redis = redis;
    }

    /** Joins the other nodes when {@code REDIS_URL} is set; with none, the server is one node and Redis is unused. */
    static Optional<ClusterNode> join(ServerConfig config) {
        return config.cluster()
                .map(cluster -> new ClusterNode(RedisState.connect(
                        cluster.redisUrl(), RedisState.Settings.defaults().withNodeTtl(cluster.nodeTtl()))));
    }

    EventBus eventBus() {
        return redis.eventBus();
    }

    PresenceRegistry presenceRegistry() {
        return redis.presenceRegistry();
    }

    AttemptWindows attemptWindows() {
        return redis.attemptWindows();
    }

    RecoveryStore recoveryStore(RecoveryOptions options) {
        return redis.recoveryStore(options.window(), options.sessionEvents(), options.totalEvents(), Clock.systemUTC());
    }

    /** The token buckets of the real-time event limits, shared by every node. */
    TokenBuckets tokenBuckets() {
        return redis.tokenBuckets();
    }

    String node() {
        return redis.node();
    }

    boolean redisUp() {
        return redis.health().up();
    }

    void registerMetrics(ServerMetrics metrics) {
        metrics.gauge(
                "messaging.redis.up",
                "1 while this node reaches Redis, 0 while it does not",
                () -> redis.health().up() ? 1 : 0);
        metrics.gauge(
                "messaging.redis.queued.events",
                "events waiting to reach the other nodes through Redis",
                () -> redis.health().queuedEvents());
        metrics.counter(
                "messaging.redis.dropped.events",
                "events that found the queue to Redis full",
                () -> redis.health().droppedEvents());
        metrics.counter(
                "messaging.redis.failed.commands",
                "Redis commands that failed (Redis away or slow)",
                () -> redis.health().failedCommands());
        metrics.counter(
                "messaging.redis.outages",
                "times this node lost Redis",
                () -> redis.health().outages());
        metrics.counter(
                "messaging.redis.out.of.order",
                "messages that entered the event stream before their predecessor, which did not come within a second",
                () -> redis.health().outOfOrderMessages());
    }

    @Override
    public void close() {
        redis.close();
    }
}
