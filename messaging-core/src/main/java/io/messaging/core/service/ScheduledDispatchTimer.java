package io.messaging.core.service;

import io.messaging.core.model.DomainEvent;
import io.messaging.core.model.ScheduledStatus;
import io.messaging.core.port.in.DispatchScheduled;
import io.messaging.core.port.out.Clock;
import io.messaging.core.port.out.EventBus;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a {@link DispatchScheduled} on time: one thread sleeps until the earliest due time the store knows (never
 * longer than {@code longestSleep}, so messages scheduled through another node, or claims left by a dead one, are
 * picked up too), and wakes early when a message is scheduled on this node for a sooner time. The sends run on a
 * small pool, so that a store that commits in groups takes many at once. Overdue messages are sent at start.
 */
public final class ScheduledDispatchTimer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ScheduledDispatchTimer.class.getName());
    private static final Duration AFTER_FAILURE = Duration.ofSeconds(1);

    private final DispatchScheduled dispatch;
    private final Clock clock;
    private final Duration longestSleep;
    private final ExecutorService senders;
    private final EventBus.Subscription subscription;
    private final Thread thread;
    private final Object lock = new Object();
    /** When the thread next dispatches (the soonest asked for while it dispatches); guarded by {@link #lock}. */
    private Instant wakeAt = Instant.MAX;

    private volatile boolean closed;

    /** Starts the timer; {@link #close()} stops it. */
    public ScheduledDispatchTimer(
            DispatchScheduled dispatch, Clock clock, EventBus events, int senderThreads, Duration longestSleep) {
        this.dispatch = Objects.requireNonNull(dispatch, "dispatch");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.longestSleep = Objects.requireNonNull(longestSleep, "longestSleep");
        var count = new AtomicInteger();
        this.senders = Executors.newFixedThreadPool(senderThreads, runnable -> {
            Thread sender = new Thread(runnable, "scheduled-sender-" + count.incrementAndGet());
            sender.setDaemon(true);
            return sender;
        });
        this.subscription = events.subscribe(event -> {
            if (event instanceof DomainEvent.ScheduledMessageChanged changed
                    && changed.scheduled().status() == ScheduledStatus.SCHEDULED) {
                wakeBy(changed.scheduled().sendAt());
            }
        });
        this.thread = new Thread(this::run, "scheduled-dispatch");
        thread.setDaemon(true);
        thread.start();
    }

    /** Makes the timer dispatch no later than {@code at}. */
    void wakeBy(Instant at) {
        synchronized (lock) {
            if (at.isBefore(wakeAt)) {
                wakeAt = at;
                lock.notifyAll();
            }
        }
    }

    private void run() {
        while (!closed) {
            Instant next;
            try {
                dispatch.dispatchDue(senders);
                Instant latest = clock.now().plus(longestSleep);
                Optional<Instant> due = dispatch.nextDueAt();
                next = due.filter(at -> at.isBefore(latest)).orElse(latest);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "dispatching scheduled messages failed; retrying", e);
                next = clock.now().plus(AFTER_FAILURE);
            }
            sleepUntil(next);
        }
    }

    private void sleepUntil(Instant next) {
        synchronized (lock) {
            if (next.isBefore(wakeAt)) {
                wakeAt = next;
            }
            try {
                long millis;
                while (!closed
                        && (millis = Duration.between(clock.now(), wakeAt).toMillis()) > 0) {
                    lock.wait(millis);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                closed = true;
            }
            wakeAt = Instant.MAX;
        }
    }

    /** Stops the timer and waits for sends under way. */
    @Override
    public void close() {
        closed = true;
        subscription.close();
        synchronized (lock) {
            lock.notifyAll();
        }
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        senders.shutdown();
    }
}
