package io.messaging.redis;

import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import io.messaging.core.model.UserId;
import io.messaging.core.port.out.PresenceRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BiPredicate;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * Live sessions per user across nodes, in Redis: a set of {@code node|session} per user and, per node, the set of
 * its {@code session|user}. Each node renews a heartbeat key that expires after the node TTL; a sweep on any node
 * ends the sessions of nodes whose heartbeat expired (a SIGKILLed node's users go offline within the TTL plus one
 * sweep), each in one script, so of racing sweeps exactly one reports each user. While Redis is away, sessions
 * are kept here only and no edge is reported; the first heartbeat after registers this node's sessions again and
 * the next sweep reports what changed.
 */
final class RedisPresenceRegistry implements PresenceRegistry {
    private static final String CONNECT = """
            local added = redis.call('SADD', KEYS[1], ARGV[1])
            redis.call('SADD', KEYS[2], ARGV[2])
            redis.call('SADD', KEYS[3], ARGV[3])
            if added == 1 and redis.call('SCARD', KEYS[1]) == 1 then return 1 end
            return 0
            """;
    private static final String DISCONNECT = """
            local removed = redis.call('SREM', KEYS[1], ARGV[1])
            redis.call('SREM', KEYS[2], ARGV[2])
            if removed == 1 and redis.call('SCARD', KEYS[1]) == 0 then return 1 end
            return 0
            """;
    private static final String HEARTBEAT = """
            local renewed = redis.call('SET', KEYS[1], '1', 'PX', ARGV[2], 'XX')
            if not renewed then redis.call('SET', KEYS[1], '1', 'PX', ARGV[2]) end
            redis.call('SADD', KEYS[2], ARGV[1])
            if renewed then return 1 end
            return 0
            """;
    private static final String REAP = """
            local offline = {}
            for _, node in ipairs(redis.call('SMEMBERS', KEYS[1])) do
              if node ~= ARGV[1] and redis.call('EXISTS', ARGV[2] .. 'presence:alive:' .. node) == 0 then
                local sessions = ARGV[2] .. 'presence:node:' .. node
                for _, member in ipairs(redis.call('SMEMBERS', sessions)) do
                  local bar = string.find(member, '|', 1, true)
                  local user = string.sub(member, bar + 1)
                  local userKey = ARGV[2] .. 'presence:user:' .. user
                  if redis.call('SREM', userKey, node .. '|' .. string.sub(member, 1, bar - 1)) == 1
                      and redis.call('SCARD', userKey) == 0 then
                    table.insert(offline, user)
                  end
                end
                redis.call('DEL', sessions)
                redis.call('SREM', KEYS[1], node)
              end
            end
            return offline
            """;

    private final RedisLink link;
    private final RedisKeys keys;
    private final String node;
    private final Duration nodeTtl;
    private final Map<UserId, Set<String>> local = new ConcurrentHashMap<>();
    private final List<UserId> cameOnline = new ArrayList<>();
    private final List<UserId> wentOffline = new ArrayList<>();
    private volatile boolean resync;

    RedisPresenceRegistry(RedisLink link, RedisKeys keys, String node, Duration nodeTtl) {
        this.link = link;
        this.keys = keys;
        this.node = node;
        this.nodeTtl = nodeTtl;
    }

    @Override
    public boolean connect(UserId userId, String sessionId) {
        local.computeIfAbsent(userId, id -> ConcurrentHashMap.newKeySet()).add(sessionId);
        return inRedis(() -> registerInRedis(userId, sessionId));
    }

    /**
     * What the change in Redis answers, or false when Redis is away: the next heartbeat then registers this node's
     * sessions again.
     */
    private boolean inRedis(BooleanSupplier change) {
        try {
            return change.getAsBoolean();
        } catch (RuntimeException e) {
            link.failed();
            resync = true;
            return false;
        }
    }

    /** Whether the session is the user's first anywhere. */
    private boolean registerInRedis(UserId userId, String sessionId) {
        return answersOne(
                CONNECT,
                new String[] {keys.userSessions(userId.value()), keys.nodeSessions(node), keys.nodes()},
                node + "|" + sessionId,
                sessionId + "|" + userId.value(),
                node);
    }

    @Override
    public boolean disconnect(UserId userId, String sessionId) {
        local.computeIfPresent(userId, (id, sessions) -> {
            sessions.remove(sessionId);
            return sessions.isEmpty() ? null : sessions;
        });
        return inRedis(() -> unregisterInRedis(userId, sessionId));
    }

    /** Whether the session was the user's last anywhere. */
    private boolean unregisterInRedis(UserId userId, String sessionId) {
        return answersOne(
                DISCONNECT,
                new String[] {keys.userSessions(userId.value()), keys.nodeSessions(node)},
                node + "|" + sessionId,
                sessionId + "|" + userId.value());
    }

    /** Whether the presence script answers 1. */
    private boolean answersOne(String script, String[] scriptKeys, String... args) {
        Long answer = link.commands().sync().eval(script, ScriptOutputType.INTEGER, scriptKeys, args);
        return answer != null && answer == 1;
    }

    @Override
    public Set<UserId> onlineAmong(Collection<UserId> userIds) {
        var commands = link.commands().async();
        var answers = new ArrayList<RedisFuture<Long>>();
        var asked = List.copyOf(userIds);
        try {
            for (UserId userId : asked) {
                answers.add(commands.exists(keys.userSessions(userId.value())));
            }
            var online = new HashSet<UserId>();
            for (int i = 0; i < asked.size(); i++) {
                if (answers.get(i).get(nodeTtl.toMillis(), TimeUnit.MILLISECONDS) > 0) {
                    online.add(asked.get(i));
                }
            }
            return Set.copyOf(online);
        } catch (Exception e) {
            link.failed();
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return asked.stream().filter(local::containsKey).collect(Collectors.toUnmodifiableSet());
        }
    }

    /**
     * Renews this node's heartbeat. When the key had expired (Redis was away or restarted, or the others took this
     * node for stopped) or a call failed meanwhile, registers this node's sessions again, so that the next
     * {@link #sweep} reports who came back online and who left while Redis could not hear it.
     */
    void heartbeat() {
        try {
            Long renewed = link.commands()
                    .sync()
                    .eval(
                            HEARTBEAT,
                            ScriptOutputType.INTEGER,
                            new String[] {keys.alive(node), keys.nodes()},
                            node,
                            String.valueOf(nodeTtl.toMillis()));
            if ((renewed == null || renewed == 0) || resync) {
                resync = false;
                registerAgain();
            }
        } catch (RuntimeException e) {
            link.failed();
            resync = true;
        }
    }

    private void registerAgain() {
        var inRedis = link.commands().sync().smembers(keys.nodeSessions(node));
        var here = new HashSet<String>();
        local.forEach((userId, sessions) -> sessions.forEach(session -> here.add(session + "|" + userId.value())));
        List<UserId> changedOnline = changeEachMissing(here, inRedis, this::registerInRedis);
        List<UserId> changedOffline = changeEachMissing(inRedis, here, this::unregisterInRedis);
        synchronized (this) {
            cameOnline.addAll(changedOnline);
            wentOffline.addAll(changedOffline);
        }
    }

    /**
     * Runs {@code change} for each {@code session|user} member of {@code members} that {@code others} lacks, in the
     * order of {@code members}; the users it answered true for.
     */
    private static List<UserId> changeEachMissing(
            Set<String> members, Set<String> others, BiPredicate<UserId, String> change) {
        var changed = new ArrayList<UserId>();
        for (String member : members) {
            if (!others.contains(member)) {
                int bar = member.indexOf('|');
                UserId userId = UserId.of(member.substring(bar + 1));
                if (change.test(userId, member.substring(0, bar))) {
                    changed.add(userId);
                }
            }
        }
        return changed;
    }

    @Override
    public Sweep sweep() {
        var offline = new ArrayList<UserId>();
        try {
            List<Object> reaped = link.commands()
                    .sync()
                    .eval(REAP, ScriptOutputType.MULTI, new String[] {keys.nodes()}, node, keys.prefix());
            reaped.forEach(user -> offline.add(UserId.of(String.valueOf(user))));
        } catch (RuntimeException e) {
            link.failed();
        }
        synchronized (this) {
            offline.addAll(wentOffline);
            var swept = new Sweep(offline, cameOnline);
            wentOffline.clear();
            cameOnline.clear();
            return swept;
        }
    }

    /** Ends this node's sessions in Redis at a clean stop, so its users need not wait for the heartbeat to expire. */
    void leave() {
        try {
            link.commands().sync().del(keys.alive(node));
        } catch (RuntimeException e) {
            link.failed();
        }
    }
}
