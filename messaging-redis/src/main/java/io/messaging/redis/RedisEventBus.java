package io.messaging.redis;

import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import io.messaging.core.memory.InProcessEventBus;
import io.messaging.core.model.DomainEvent;
import io.messaging.core.port.out.EventBus;
import java.util.List;
import java.util.function.Consumer;

/**
 * The event bus of several nodes on one Redis Stream. {@link #publish} only queues the event for the
 * {@link StreamPublisher}; a reader thread hands every node's events, this node's included, to the subscribers in
 * the stream's one order, each within its {@link DispatchPosition}. While Redis is away, this node's events go to
 * its own subscribers at once and wait in the queue to reach the others; the reader skips them when they come back
 * through the stream. Local subscribers get this node's events at once, on the publishing thread.
 */
final class RedisEventBus implements EventBus, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(RedisEventBus.class.getName());
    private static final long READ_BLOCK_MILLIS = 500;

    private final RedisLink link;
    private final RedisKeys keys;
    private final String node;
    /** Every node's events go to these, in stream order. */
    private final InProcessEventBus subscribers = new InProcessEventBus();
    /** This node's events go to these, at once. */
    private final InProcessEventBus localSubscribers = new InProcessEventBus();

    private final StreamPublisher publisher;
    private final Thread reader;
    private volatile boolean running = true;
    private volatile String lastId;

    RedisEventBus(RedisLink link, RedisKeys keys, String node, int outboxCapacity, int streamLength) {
        this.link = link;
        this.keys = keys;
        this.node = node;
        this.lastId = currentLastId();
        this.publisher = new StreamPublisher(link, keys, node, outboxCapacity, streamLength, subscribers::publish);
        this.reader = new Thread(this::readLoop, "redis-event-reader");
        reader.setDaemon(true);
        reader.start();
    }

    private String currentLastId() {
        var last = link.commands().sync().xrevrange(keys.events(), Range.create("-", "+"), Limit.create(0, 1));
        return last.isEmpty() ? "0-0" : last.get(0).getId();
    }

    @Override
    public void publish(DomainEvent event) {
        localSubscribers.publish(event);
        boolean up = link.up();
        if (!up) {
            subscribers.publish(event);
        }
        String json;
        try {
            json = EventCodec.encode(event);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "event could not be encoded for the other nodes", e);
            if (up) {
                subscribers.publish(event);
            }
            return;
        }
        if (!publisher.offer(event, json, !up) && up) {
            subscribers.publish(event);
        }
    }

    @Override
    public Subscription subscribe(Consumer<? super DomainEvent> subscriber) {
        return subscribers.subscribe(subscriber);
    }

    @Override
    public Subscription subscribeToLocal(Consumer<? super DomainEvent> subscriber) {
        return localSubscribers.subscribe(subscriber);
    }

    /** Events waiting to reach Redis now. */
    int queued() {
        return publisher.queued();
    }

    /** Events that found the queue full and reached only this node. */
    long dropped() {
        return publisher.dropped();
    }

    /** Messages that entered the stream before their predecessor, which did not come in time. */
    long outOfOrder() {
        return publisher.outOfOrder();
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
                    subscribers.publish(event);
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
        publisher.close();
        try {
            reader.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
