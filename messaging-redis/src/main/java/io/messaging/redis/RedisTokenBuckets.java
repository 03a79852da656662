package io.messaging.redis;

import io.lettuce.core.ScriptOutputType;
import io.messaging.core.port.out.TokenBuckets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Token buckets shared by every node: one hash per key holding its tokens and when they were counted, refilled and
 * taken from in one script on Redis's own clock (so the nodes' clocks need not agree), expiring once it would be
 * full again. A take is one asynchronous command; it fails at once while Redis is away.
 */
final class RedisTokenBuckets implements TokenBuckets {
    private static final String TAKE = """
            local now = redis.call('TIME')
            local millis = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
            local wanted, rate, burst = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
            local kept = redis.call('HMGET', KEYS[1], 'tokens', 'at')
            local tokens = burst
            if kept[1] then
              tokens = math.min(burst, tonumber(kept[1]) + math.max(0, millis - tonumber(kept[2])) * rate / 1000)
            end
            local taken = math.max(0, math.min(wanted, math.floor(tokens)))
            redis.call('HSET', KEYS[1], 'tokens', tostring(tokens - taken), 'at', millis)
            redis.call('PEXPIRE', KEYS[1], math.ceil(burst * 1000 / rate) + 1000)
            return taken
            """;

    private final RedisLink link;
    private final RedisKeys keys;

    RedisTokenBuckets(RedisLink link, RedisKeys keys) {
        this.link = link;
        this.keys = keys;
    }

    @Override
    public CompletionStage<Integer> take(String key, int wanted, int perSecond, int burst) {
        TokenBuckets.checkTake(wanted, perSecond, burst);
        try {
            return link.commands()
                    .async()
                    .<Long>eval(
                            TAKE,
                            ScriptOutputType.INTEGER,
                            new String[] {keys.bucket(key)},
                            String.valueOf(wanted),
                            String.valueOf(perSecond),
                            String.valueOf(burst))
                    .thenApply(Long::intValue)
                    .whenComplete((taken, failure) -> {
                        if (failure != null) {
                            link.failed();
                        }
                    });
        } catch (RuntimeException e) {
            link.failed();
            return CompletableFuture.failedFuture(e);
        }
    }
}
