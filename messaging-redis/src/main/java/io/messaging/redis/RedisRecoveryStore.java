package io.messaging.redis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.StreamMessage;
import io.messaging.core.port.out.RecoveryStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Connection state recovery shared by every node, so a client recovers on whichever node it reaches. Broadcasts go
 * into a Redis Stream whose ids are their offsets; each node records the broadcasts of every event it hands to its
 * sockets, with the offset taken from the event's position in the shared event stream ({@link DispatchPosition}),
 * so every node gives a broadcast the same offset and the first to record it wins. Sessions are keys that expire.
 * A replay reads only up to what this node has recorded itself, so nothing it will deliver live is replayed too.
 * Recording never waits for Redis; outside a dispatch (Redis away, or no bus), offsets follow this node's own count.
 */
final class RedisRecoveryStore implements RecoveryStore {
    private static final TypeReference<Set<String>> ROOMS = new TypeReference<>() {};
    private static final String RECORD = """
            local ok = redis.pcall('XADD', KEYS[1], ARGV[1], 'r', ARGV[4], 'xs', ARGV[5], 'xu', ARGV[6],
                'p', ARGV[7], 'd', ARGV[8], 't', ARGV[9])
            if type(ok) == 'table' and ok.err then return 0 end
            local len = redis.call('XLEN', KEYS[1])
            local max = tonumber(ARGV[2])
            if len > max then
              local old = redis.call('XRANGE', KEYS[1], '-', '+', 'COUNT', len - max)
              for _, entry in ipairs(old) do redis.call('XDEL', KEYS[1], entry[1]) end
              redis.call('SET', KEYS[2], old[#old][1])
            end
            local cutoff = tonumber(ARGV[3])
            while true do
              local oldest = redis.call('XRANGE', KEYS[1], '-', '+', 'COUNT', 1)
              if #oldest == 0 or tonumber(oldest[1][2][12]) >= cutoff then break end
              redis.call('XDEL', KEYS[1], oldest[1][1])
            end
            return 1
            """;
    private static final String TAKE = """
            local kept = redis.call('GET', KEYS[1])
            if not kept then return false end
            local newline = string.find(kept, '\\n', 1, true)
            if string.sub(kept, 1, newline - 1) ~= ARGV[1] then return false end
            redis.call('DEL', KEYS[1])
            redis.call('ZREM', KEYS[2], ARGV[2])
            return string.sub(kept, newline + 1)
            """;

    private record Session(
            String pid, String socketId, Set<String> rooms, long connectedAfter, Instant disconnectedAt) {}

    private final RedisLink link;
    private final RedisKeys keys;
    private final Duration window;
    private final int sessionEvents;
    private final int totalEvents;
    private final Clock clock;
    private final AtomicLong latest = new AtomicLong();

    RedisRecoveryStore(
            RedisLink link, RedisKeys keys, Duration window, int sessionEvents, int totalEvents, Clock clock) {
        this.link = link;
        this.keys = keys;
        this.window = window;
        this.sessionEvents = sessionEvents;
        this.totalEvents = totalEvents;
        this.clock = clock;
    }

    @Override
    public long record(
            Set<String> rooms, String exceptSocketId, String exceptUserId, String packet, boolean droppable) {
        long positioned = DispatchPosition.nextBroadcast();
        long offset = latest.updateAndGet(current -> Math.max(current + 1, positioned));
        Instant now = clock.instant();
        try {
            link.commands()
                    .async()
                    .eval(
                            RECORD,
                            ScriptOutputType.INTEGER,
                            new String[] {keys.recoveryLog(), keys.recoveryTrimmed()},
                            DispatchPosition.idOf(offset),
                            String.valueOf(totalEvents),
                            String.valueOf(now.minus(window.multipliedBy(2)).toEpochMilli()),
                            json(rooms),
                            exceptSocketId,
                            exceptUserId,
                            packet,
                            droppable ? "1" : "0",
                            String.valueOf(now.toEpochMilli()));
        } catch (RuntimeException e) {
            link.failed();
        }
        return offset;
    }

    private static String json(Object value) {
        try {
            return EventCodec.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public long latestOffset() {
        return latest.get();
    }

    @Override
    public void keep(KeptSession session) {
        Instant until = session.disconnectedAt().plus(window);
        String value = session.userId() + "\n"
                + json(new Session(
                        session.pid(),
                        session.socketId(),
                        session.rooms(),
                        session.connectedAfter(),
                        session.disconnectedAt()));
        try {
            var commands = link.commands().sync();
            commands.set(
                    keys.recoverySession(session.pid()),
                    value,
                    SetArgs.Builder.px(window.multipliedBy(2).toMillis()));
            commands.zadd(keys.recoverySessions(), until.toEpochMilli(), session.pid());
            commands.zremrangebyscore(
                    keys.recoverySessions(), Range.create(Double.NEGATIVE_INFINITY, (double) clock.millis()));
        } catch (RuntimeException e) {
            link.failed();
        }
    }

    @Override
    public Optional<KeptSession> take(String pid, String userId) {
        String kept;
        try {
            kept = link.commands()
                    .sync()
                    .eval(
                            TAKE,
                            ScriptOutputType.VALUE,
                            new String[] {keys.recoverySession(pid), keys.recoverySessions()},
                            userId,
                            pid);
        } catch (RuntimeException e) {
            link.failed();
            return Optional.empty();
        }
        if (kept == null) {
            return Optional.empty();
        }
        Session session;
        try {
            session = EventCodec.mapper().readValue(kept, Session.class);
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
        if (session.disconnectedAt().plus(window).isBefore(clock.instant())) {
            return Optional.empty();
        }
        return Optional.of(new KeptSession(
                session.pid(),
                session.socketId(),
                userId,
                session.rooms(),
                session.connectedAfter(),
                session.disconnectedAt()));
    }

    @Override
    public Optional<Missed> missedSince(long offset, Set<String> rooms, String socketId, String userId) {
        long upTo = latest.get();
        if (offset > upTo) {
            return Optional.empty();
        }
        try {
            var commands = link.commands().sync();
            String trimmed = commands.get(keys.recoveryTrimmed());
            if (trimmed != null && offset < DispatchPosition.offsetOf(trimmed)) {
                return Optional.empty();
            }
            if (offset == upTo) {
                return Optional.of(new Missed(List.of(), upTo));
            }
            List<StreamMessage<String, String>> entries = commands.xrange(
                    keys.recoveryLog(),
                    Range.create(DispatchPosition.idOf(offset + 1), DispatchPosition.idOf(upTo)),
                    Limit.create(0, totalEvents));
            var missed = new ArrayList<Broadcast>();
            for (var entry : entries) {
                Broadcast broadcast = broadcast(entry);
                if (broadcast.reaches(rooms, socketId, userId)) {
                    if (missed.size() == sessionEvents) {
                        return Optional.empty();
                    }
                    missed.add(broadcast);
                }
            }
            return Optional.of(new Missed(missed, upTo));
        } catch (RuntimeException | JsonProcessingException e) {
            link.failed();
            return Optional.empty();
        }
    }

    private static Broadcast broadcast(StreamMessage<String, String> entry) throws JsonProcessingException {
        Map<String, String> body = entry.getBody();
        return new Broadcast(
                DispatchPosition.offsetOf(entry.getId()),
                EventCodec.mapper().readValue(body.get("r"), ROOMS),
                body.get("xs"),
                body.get("xu"),
                body.get("p"),
                "1".equals(body.get("d")),
                Instant.ofEpochMilli(Long.parseLong(body.get("t"))));
    }

    @Override
    public int sessions() {
        try {
            return link.commands()
                    .sync()
                    .zcount(keys.recoverySessions(), Range.create((double) clock.millis(), Double.POSITIVE_INFINITY))
                    .intValue();
        } catch (RuntimeException e) {
            link.failed();
            return 0;
        }
    }

    @Override
    public int broadcasts() {
        try {
            return link.commands().sync().xlen(keys.recoveryLog()).intValue();
        } catch (RuntimeException e) {
            link.failed();
            return 0;
        }
    }
}
