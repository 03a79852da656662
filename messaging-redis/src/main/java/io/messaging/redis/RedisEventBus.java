package io.messaging.redis;

import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import io.messaging.core.model.DomainEvent;
import io.messaging.core.port.out.EventBus;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The event bus of several nodes on one Redis Stream. {@link #publish} only queues the event (bounded); a publisher
 * thread appends it to the stream, and a reader thread hands every node's events, this node's included, to the
 * subscribers in the stream's one order. While Redis is away, this node's events go to its own subscribers at
 * once and wait in the queue to reach the others; the reader skips them when they come back through the stream.
 * A conversation's messages enter the stream in {@code seq} order: a message whose predecessor is not in the
 * stream yet waits for it, briefly (the node that stored it may be a moment behind, or gone).
 */
final class RedisEventBus implements EventBus, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(RedisEventBus.class.getName());
    private static final long READ_BLOCK_MILLIS = 500;
    private static final long PREDECESSOR_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final String APPEND = """
            local seq = tonumber(ARGV[5])
            if seq > 0 then
              local last = tonumber(redis.call('GET', KEYS[2]) or '0')
              if ARGV[6] ~= '1' and last > 0 and seq > last + 1 then return false end
              if seq > last then redis.call('SET', KEYS[2], seq, 'PX', 600000) end
            end
            return redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], '*', 'n', ARGV[2], 'l', ARGV[3], 'e', ARGV[4])
            """;

    private record Outgoing(DomainEvent event, String json, boolean deliveredHere) {
        Outgoing markDelivered() {
            return new Outgoing(event, json, true);
        }
    }

    private final RedisLink link;
    private final RedisKeys keys;
    private final String node;
    private final int streamLength;
    private final List<Consumer<? super DomainEvent>> subscribers = new CopyOnWriteArrayList<>();
    private final List<Consumer<? super DomainEvent>> localSubscribers = new CopyOnWriteArrayList<>();
    private final BlockingQueue<Outgoing> outbox;
    private final AtomicLong dropped = new AtomicLong();
    private final Thread publisher;
    private final Thread reader;
    private volatile boolean running = true;
    private volatile String lastId = "$";

    RedisEventBus(RedisLink link, RedisKeys keys, String node, int outboxCapacity, int streamLength) {
        this.link = link;
        this.keys = keys;
        this.node = node;
        this.streamLength = streamLength;
        this.outbox = new ArrayBlockingQueue<>(outboxCapacity);
        this.publisher = new Thread(this::publishLoop, "redis-event-publisher");
        this.reader = new Thread(this::readLoop, "redis-event-reader");
        publisher.setDaemon(true);
        reader.setDaemon(true);
        lastId = currentLastId();
        publisher.start();
        reader.start();
    }

    private String currentLastId() {
        var last = link.commands().sync().xrevrange(keys.events(), Range.create("-", "+"), Limit.create(0, 1));
        return last.isEmpty() ? "0-0" : last.get(0).getId();
    }

    @Override
    public void publish(DomainEvent event) {
        deliver(localSubscribers, event);
        boolean up = link.up();
        if (!up) {
            deliver(subscribers, event);
        }
        String json;
        try {
            json = EventCodec.encode(event);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "event could not be encoded for the other nodes", e);
            return;
        }
        if (!outbox.offer(new Outgoing(event, json, !up))) {
            dropped.incrementAndGet();
            if (up) {
                deliver(subscribers, event);
            }
        }
    }

    @Override
    public Subscription subscribe(Consumer<? super DomainEvent> subscriber) {
        subscribers.add(subscriber);
        return () -> subscribers.remove(subscriber);
    }

    @Override
    public Subscription subscribeToLocal(Consumer<? super DomainEvent> subscriber) {
        localSubscribers.add(subscriber);
        return () -> localSubscribers.remove(subscriber);
    }

    /** Events waiting to reach Redis now. */
    int queued() {
        return outbox.size();
    }

    /** Events that found the queue full and reached only this node. */
    long dropped() {
        return dropped.get();
    }

    private static void deliver(List<Consumer<? super DomainEvent>> to, DomainEvent event) {
        for (var subscriber : to) {
            try {
                subscriber.accept(event);
            } catch (RuntimeException e) {
                LOG.log(
                        System.Logger.Level.ERROR,
                        "event subscriber failed on " + event.getClass().getSimpleName(),
                        e);
            }
        }
    }

    private void publishLoop() {
        var batch = new ArrayList<Outgoing>();
        while (running) {
            try {
                if (batch.isEmpty()) {
                    Outgoing first = outbox.poll(200, TimeUnit.MILLISECONDS);
                    if (first == null) {
                        continue;
                    }
                    batch.add(first);
                    outbox.drainTo(batch, 255);
                }
                int sent = 0;
                while (sent < batch.size() && append(batch.get(sent))) {
                    sent++;
                }
                batch.subList(0, sent).clear();
                if (!batch.isEmpty()) {
                    // Redis is away: what waits is this node's own, so its sockets get it now and the rest later
                    batch.replaceAll(outgoing -> {
                        if (!outgoing.deliveredHere()) {
                            deliver(subscribers, outgoing.event());
                        }
                        return outgoing.markDelivered();
                    });
                    Thread.sleep(100);
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Appends one event; false when Redis could not be reached. */
    private boolean append(Outgoing outgoing) throws InterruptedException {
        long seq = outgoing.event() instanceof DomainEvent.MessageCreated created
                ? created.message().seq()
                : 0;
        String conversation = outgoing.event() instanceof DomainEvent.MessageCreated created
                ? created.message().conversationId().value()
                : "";
        long waitUntil = System.nanoTime() + PREDECESSOR_WAIT_NANOS;
        while (true) {
            boolean force = System.nanoTime() - waitUntil > 0;
            String id;
            try {
                id = link.commands()
                        .sync()
                        .eval(
                                APPEND,
                                ScriptOutputType.VALUE,
                                new String[] {keys.events(), keys.lastSeq(conversation)},
                                String.valueOf(streamLength),
                                node,
                                outgoing.deliveredHere() ? "1" : "0",
                                outgoing.json(),
                                String.valueOf(seq),
                                force ? "1" : "0");
            } catch (RuntimeException e) {
                link.failed();
                return false;
            }
            if (id != null) {
                return true;
            }
            Thread.sleep(1);
        }
    }

    private void readLoop() {
        while (running) {
            List<StreamMessage<String, String>> entries;
            try {
                entries = link.reader()
                        .sync()
                        .xread(
                                XReadArgs.Builder.block(READ_BLOCK_MILLIS).count(512),
                                XReadArgs.StreamOffset.from(keys.events(), lastId));
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                link.failed();
                pause();
                continue;
            }
            if (entries == null) {
                continue;
            }
            for (var entry : entries) {
                lastId = entry.getId();
                var body = entry.getBody();
                if (node.equals(body.get("n")) && "1".equals(body.get("l"))) {
                    continue;
                }
                DomainEvent event;
                try {
                    event = EventCodec.decode(body.get("e"));
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.ERROR, "unreadable event " + entry.getId() + " skipped", e);
                    continue;
                }
                DispatchPosition.enter(entry.getId());
                try {
                    deliver(subscribers, event);
                } finally {
                    DispatchPosition.leave();
                }
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        publisher.interrupt();
        try {
            publisher.join(2000);
            reader.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
