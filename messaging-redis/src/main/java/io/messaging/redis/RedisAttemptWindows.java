package io.messaging.redis;

import io.lettuce.core.ScriptOutputType;
import io.messaging.core.memory.InMemoryAttemptWindows;
import io.messaging.core.port.out.AttemptWindows;
import java.time.Duration;
import java.util.List;

/**
 * Attempt windows shared by every node: one counter per key that expires with its window, counted and read in one
 * script. While Redis is away, this node counts alone, in memory, so logins neither fail nor wait on Redis.
 */
final class RedisAttemptWindows implements AttemptWindows {
    private static final String COUNT = """
            local attempts = redis.call('INCR', KEYS[1])
            local left = redis.call('PTTL', KEYS[1])
            if attempts == 1 or left < 0 then
              redis.call('PEXPIRE', KEYS[1], ARGV[1])
              left = tonumber(ARGV[1])
            end
            return {attempts, left}
            """;

    private final RedisLink link;
    private final RedisKeys keys;
    private final AttemptWindows alone = new InMemoryAttemptWindows();

    RedisAttemptWindows(RedisLink link, RedisKeys keys) {
        this.link = link;
        this.keys = keys;
    }

    @Override
    public Count count(String key, Duration window) {
        try {
            List<Object> counted = link.commands()
                    .sync()
                    .eval(
                            COUNT,
                            ScriptOutputType.MULTI,
                            new String[] {keys.attempts(key)},
                            String.valueOf(window.toMillis()));
            return new Count((Long) counted.get(0), Duration.ofMillis((Long) counted.get(1)));
        } catch (RuntimeException e) {
            link.failed();
            return alone.count(key, window);
        }
    }
}
