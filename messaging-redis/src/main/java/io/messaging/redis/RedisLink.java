package io.messaging.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The node's connections to Redis: one for commands, one for the blocking stream read. Lettuce reconnects them by
 * itself; while one is down its commands fail at once instead of queueing, so nothing waits on Redis.
 */
final class RedisLink implements AutoCloseable {
    /** Reconnect attempts: soon after a drop, then every second at most, so a restarted Redis is found quickly. */
    private static final Delay RECONNECT =
            Delay.exponential(Duration.ofMillis(50), Duration.ofSeconds(1), 2, TimeUnit.MILLISECONDS);

    private final ClientResources resources;
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> commands;
    private final StatefulRedisConnection<String, String> reader;
    private final AtomicLong failures = new AtomicLong();
    private volatile boolean wasUp = true;
    private final AtomicLong outages = new AtomicLong();

    RedisLink(String url, Duration commandTimeout) {
        this.resources = ClientResources.builder().reconnectDelay(RECONNECT).build();
        this.client = RedisClient.create(resources, RedisURI.create(url));
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(commandTimeout))
                .build());
        StatefulRedisConnection<String, String> first = null;
        try {
            first = client.connect();
            this.reader = client.connect();
        } catch (RuntimeException e) {
            if (first != null) {
                first.close();
            }
            client.shutdown();
            resources.shutdown();
            throw e;
        }
        this.commands = first;
    }

    StatefulRedisConnection<String, String> commands() {
        return commands;
    }

    StatefulRedisConnection<String, String> reader() {
        return reader;
    }

    /** Whether both connections are open now. */
    boolean up() {
        boolean up = commands.isOpen() && reader.isOpen();
        if (wasUp && !up) {
            outages.incrementAndGet();
        }
        wasUp = up;
        return up;
    }

    void failed() {
        failures.incrementAndGet();
    }

    /** Commands that failed so far (Redis away or too slow). */
    long failures() {
        return failures.get();
    }

    /** How often the link was seen going down. */
    long outages() {
        return outages.get();
    }

    @Override
    public void close() {
        reader.close();
        commands.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }
}
