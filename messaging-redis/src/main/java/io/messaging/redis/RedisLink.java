package io.messaging.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The node's connections to Redis: one for commands, one for the blocking stream read. Lettuce reconnects them by
 * itself; while one is down its commands fail at once instead of queueing, so nothing waits on Redis.
 */
final class RedisLink implements AutoCloseable {
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> commands;
    private final StatefulRedisConnection<String, String> reader;
    private final AtomicLong failures = new AtomicLong();
    private volatile boolean wasUp = true;
    private final AtomicLong outages = new AtomicLong();

    RedisLink(String url, Duration commandTimeout) {
        this.client = RedisClient.create(RedisURI.create(url));
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(commandTimeout))
                .build());
        this.commands = client.connect();
        try {
            this.reader = client.connect();
        } catch (RuntimeException e) {
            commands.close();
            client.shutdown();
            throw e;
        }
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
    }
}
