package io.messaging.redis;

import io.messaging.core.port.out.AttemptWindows;
import io.messaging.core.port.out.EventBus;
import io.messaging.core.port.out.PresenceRegistry;
import io.messaging.core.port.out.RecoveryStore;
import io.messaging.core.port.out.TokenBuckets;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * What several server nodes share, on one Redis: the event bus (a Redis Stream), the presence registry (with a
 * heartbeat per node), connection state recovery, the rate limits' attempt windows and the real-time event limits'
 * token buckets. The one public entry point of this module; thread-safe.
 */
public final class RedisState implements AutoCloseable {

    /**
     * How the shared state is kept: the key prefix, how long a node that stops renewing its heartbeat counts as
     * alive, the Redis command timeout, how many events wait for Redis at most, and how long the event stream is.
     */
    public record Settings(
            String keyPrefix, Duration nodeTtl, Duration commandTimeout, int outboxCapacity, int streamLength) {
        public Settings {
            Objects.requireNonNull(keyPrefix, "keyPrefix");
            Objects.requireNonNull(nodeTtl, "nodeTtl");
            Objects.requireNonNull(commandTimeout, "commandTimeout");
            if (nodeTtl.toMillis() < 300 || outboxCapacity < 1 || streamLength < 1) {
                throw new IllegalArgumentException("nodeTtl >= 300 ms, outboxCapacity >= 1, streamLength >= 1");
            }
        }

        /** Prefix {@code messaging:}, a node TTL of 10 s, 1 s timeouts, 10,000 queued events, 100,000 in the stream. */
        public static Settings defaults() {
            return new Settings("messaging:", Duration.ofSeconds(10), Duration.ofSeconds(1), 10_000, 100_000);
        }

        public Settings withNodeTtl(Duration ttl) {
            return new Settings(keyPrefix, ttl, commandTimeout, outboxCapacity, streamLength);
        }

        public Settings withKeyPrefix(String prefix) {
            return new Settings(prefix, nodeTtl, commandTimeout, outboxCapacity, streamLength);
        }

        public Settings withOutboxCapacity(int capacity) {
            return new Settings(keyPrefix, nodeTtl, commandTimeout, capacity, streamLength);
        }
    }

    /** The link's state for health checks and metrics. */
    public record Health(
            boolean up,
            int queuedEvents,
            long droppedEvents,
            long failedCommands,
            long outages,
            long outOfOrderMessages) {}

    private final String node;
    private final RedisLink link;
    private final RedisKeys keys;
    private final RedisEventBus events;
    private final RedisPresenceRegistry presence;
    private final ScheduledExecutorService heartbeat;

    private RedisState(String url, Settings settings) {
        this.node = UUID.randomUUID().toString().substring(0, 13);
        this.keys = new RedisKeys(settings.keyPrefix());
        this.link = new RedisLink(url, settings.commandTimeout());
        try {
            this.events = new RedisEventBus(link, keys, node, settings.outboxCapacity(), settings.streamLength());
        } catch (RuntimeException e) {
            link.close();
            throw e;
        }
        this.presence = new RedisPresenceRegistry(link, keys, node, settings.nodeTtl());
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "redis-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        presence.heartbeat();
        long every = Math.max(100, settings.nodeTtl().toMillis() / 3);
        heartbeat.scheduleWithFixedDelay(
                () -> {
                    link.up(); // notes an outage even when nothing else asks
                    presence.heartbeat();
                },
                every,
                every,
                TimeUnit.MILLISECONDS);
    }

    /**
     * Connects to Redis at {@code url} ({@code redis://host:port/db}, {@code rediss://} for TLS) and starts this
     * node's heartbeat and event stream; an {@link IllegalStateException} when Redis cannot be reached.
     */
    public static RedisState connect(String url, Settings settings) {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(settings, "settings");
        try {
            return new RedisState(url, settings);
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot reach Redis: " + e.getMessage(), e);
        }
    }

    /** This node's id in the shared state. */
    public String node() {
        return node;
    }

    public EventBus eventBus() {
        return events;
    }

    public PresenceRegistry presenceRegistry() {
        return presence;
    }

    /** Rate-limit windows counted across every node. */
    public AttemptWindows attemptWindows() {
        return new RedisAttemptWindows(link, keys);
    }

    /** Token buckets shared by every node (the real-time event limits per user). */
    public TokenBuckets tokenBuckets() {
        return new RedisTokenBuckets(link, keys);
    }

    /** Connection state recovery with these bounds, shared with every node that uses the same bounds. */
    public RecoveryStore recoveryStore(Duration window, int sessionEvents, int totalEvents, Clock clock) {
        return new RedisRecoveryStore(link, keys, window, sessionEvents, totalEvents, clock);
    }

    public Health health() {
        return new Health(
                link.up(), events.queued(), events.dropped(), link.failures(), link.outages(), events.outOfOrder());
    }

    /** Stops as a killed node would: no heartbeat, no stream, no goodbye; its presence ends when its TTL does. */
    void halt() {
        heartbeat.shutdownNow();
        events.close();
        link.close();
    }

    /** Stops the heartbeat and the event stream (ending this node's presence in Redis), then disconnects. */
    @Override
    public void close() {
        heartbeat.shutdownNow();
        events.close();
        presence.leave();
        link.close();
    }
}
