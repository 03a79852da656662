package io.messaging.redis;

import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import io.messaging.core.model.DomainEvent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Appends this node's events to the shared stream from a bounded queue, on its own thread, so that publishing never
 * waits on Redis. A conversation's messages enter the stream in {@code seq} order: the append script refuses a
 * message whose predecessor is not in the stream yet, and the message waits aside (with the other events of its
 * conversation that come after it) while everything else goes on. A predecessor that does not come within
 * a second (its node died between storing and publishing) is given up, so no conversation is held for long.
 */
final class StreamPublisher implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(StreamPublisher.class.getName());
    private static final long PREDECESSOR_WAIT_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** Beyond Lettuce's own command timeout, which fails a command first. */
    private static final long COMMAND_WAIT_SECONDS = 10;

    private static final String APPEND = """
            local seq = tonumber(ARGV[5])
            if seq > 0 then
              local last = tonumber(redis.call('GET', KEYS[2]) or '0')
              if ARGV[6] ~= '1' and last > 0 and seq > last + 1 then return false end
              if seq > last then redis.call('SET', KEYS[2], seq, 'PX', 600000) end
            end
            return redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], '*', 'n', ARGV[2], 'l', ARGV[3], 'e', ARGV[4])
            """;

    /** An event on its way; {@code heldSince} is when it first had to wait (0 while it has not). */
    private record Outgoing(DomainEvent event, String json, boolean deliveredHere, long heldSince) {
        Outgoing delivered() {
            return new Outgoing(event, json, true, heldSince);
        }

        Outgoing held(long now) {
            return heldSince != 0 ? this : new Outgoing(event, json, deliveredHere, now);
        }
    }

    private enum Appended {
        YES,
        WAITS_FOR_PREDECESSOR,
        REDIS_AWAY
    }

    private final RedisLink link;
    private final RedisKeys keys;
    private final String node;
    private final int streamLength;
    private final Consumer<DomainEvent> deliverHere;
    private final BlockingQueue<Outgoing> queue;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong outOfOrder = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;

    StreamPublisher(
            RedisLink link,
            RedisKeys keys,
            String node,
            int capacity,
            int streamLength,
            Consumer<DomainEvent> deliverHere) {
        this.link = link;
        this.keys = keys;
        this.node = node;
        this.streamLength = streamLength;
        this.deliverHere = deliverHere;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.thread = new Thread(this::run, "redis-event-publisher");
        thread.setDaemon(true);
        thread.start();
    }

    /** Queues an event; false when the queue is full (the event is then counted as dropped). */
    boolean offer(DomainEvent event, String json, boolean deliveredHere) {
        if (queue.offer(new Outgoing(event, json, deliveredHere, 0))) {
            return true;
        }
        dropped.incrementAndGet();
        return false;
    }

    int queued() {
        return queue.size();
    }

    long dropped() {
        return dropped.get();
    }

    long outOfOrder() {
        return outOfOrder.get();
    }

    private void run() {
        List<Outgoing> held = new ArrayList<>();
        boolean redisAway = false;
        while (running) {
            try {
                var work = new ArrayList<>(held);
                held.clear();
                if (!redisAway) {
                    Outgoing first = work.isEmpty() ? queue.poll(200, TimeUnit.MILLISECONDS) : queue.poll();
                    if (first != null) {
                        work.add(first);
                        queue.drainTo(work, 255);
                    }
                }
                redisAway = appendAll(work, held);
                if (redisAway || !held.isEmpty()) {
                    Thread.sleep(redisAway ? 100 : 1);
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /**
     * Appends what it can, in order, pipelined (a round trip per batch, not per event); keeps the rest in
     * {@code held}, in order; true when Redis could not be reached. Messages are always sent (the script refuses
     * one whose predecessor is missing, so they cannot overtake each other); any other event of a conversation
     * waits for a round in which no message of that conversation is ahead of it.
     */
    private boolean appendAll(List<Outgoing> work, List<Outgoing> held) {
        var answers = new ArrayList<RedisFuture<String>>(work.size());
        boolean[] deferred = new boolean[work.size()];
        Set<String> messagesAhead = new HashSet<>();
        for (int i = 0; i < work.size(); i++) {
            Outgoing outgoing = work.get(i);
            Optional<String> conversation = conversationOf(outgoing.event());
            boolean message = outgoing.event() instanceof DomainEvent.MessageCreated;
            if (!message && conversation.isPresent() && messagesAhead.contains(conversation.get())) {
                answers.add(null);
                deferred[i] = true;
                continue;
            }
            if (message) {
                messagesAhead.add(conversation.get());
            }
            answers.add(send(outgoing));
        }
        for (int i = 0; i < work.size(); i++) {
            Outgoing outgoing = work.get(i);
            if (deferred[i]) {
                held.add(outgoing);
                continue;
            }
            switch (await(outgoing, answers.get(i))) {
                case YES -> {}
                case WAITS_FOR_PREDECESSOR -> held.add(outgoing.held(System.nanoTime()));
                case REDIS_AWAY -> {
                    // this node's sockets get its events now; the other nodes get them once Redis is back
                    for (Outgoing rest : work.subList(i, work.size())) {
                        if (!rest.deliveredHere()) {
                            deliverHere.accept(rest.event());
                        }
                        held.add(rest.delivered());
                    }
                    return true;
                }
            }
        }
        return false;
    }

    private static Optional<String> conversationOf(DomainEvent event) {
        if (event instanceof DomainEvent.MessageCreated created) {
            return Optional.of(created.message().conversationId().value());
        } else if (event instanceof DomainEvent.MessageUpdated updated) {
            return Optional.of(updated.message().conversationId().value());
        } else if (event instanceof DomainEvent.MessageDeleted deleted) {
            return Optional.of(deleted.conversationId().value());
        } else if (event instanceof DomainEvent.MessagesRead read) {
            return Optional.of(read.conversationId().value());
        }
        return Optional.empty();
    }

    private boolean forced(Outgoing outgoing) {
        return outgoing.heldSince() != 0 && System.nanoTime() - outgoing.heldSince() > PREDECESSOR_WAIT_NANOS;
    }

    /** Sends one append; null when it could not even be sent. */
    private RedisFuture<String> send(Outgoing outgoing) {
        long seq = outgoing.event() instanceof DomainEvent.MessageCreated created
                ? created.message().seq()
                : 0;
        String conversation = conversationOf(outgoing.event()).orElse("");
        try {
            return link.commands()
                    .async()
                    .eval(
                            APPEND,
                            ScriptOutputType.VALUE,
                            new String[] {keys.events(), keys.lastSeq(conversation)},
                            String.valueOf(streamLength),
                            node,
                            outgoing.deliveredHere() ? "1" : "0",
                            outgoing.json(),
                            String.valueOf(seq),
                            forced(outgoing) ? "1" : "0");
        } catch (RuntimeException e) {
            return null;
        }
    }

    private Appended await(Outgoing outgoing, RedisFuture<String> answer) {
        if (answer == null) {
            link.failed();
            return Appended.REDIS_AWAY;
        }
        String id;
        try {
            id = answer.get(COMMAND_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Appended.REDIS_AWAY;
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            link.failed();
            return Appended.REDIS_AWAY;
        }
        if (id == null) {
            return Appended.WAITS_FOR_PREDECESSOR;
        }
        if (forced(outgoing)) {
            outOfOrder.incrementAndGet();
            LOG.log(
                    System.Logger.Level.WARNING,
                    "a message of " + conversationOf(outgoing.event()).orElse("")
                            + " entered the stream before its predecessor, which did not come within a second");
        }
        return Appended.YES;
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
