package io.messaging.core.service;

import io.messaging.core.model.PushJob;
import io.messaging.core.model.PushSubscription;
import io.messaging.core.model.PushSubscriptionId;
import io.messaging.core.port.in.DispatchPushes;
import io.messaging.core.port.out.Clock;
import io.messaging.core.port.out.PushQueue;
import io.messaging.core.port.out.PushSender;
import io.messaging.core.port.out.PushSubscriptions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends the due pushes of the durable queue through the {@link PushSender}, at most
 * {@link PushSettings#maxInFlight()} at once, and settles each outcome in the queue and the subscriptions.
 */
public final class PushDispatching implements DispatchPushes {
    private static final System.Logger LOG = System.getLogger(PushDispatching.class.getName());
    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    private static final Duration LONGEST_BACKOFF = Duration.ofMinutes(10);

    private final PushQueue queue;
    private final PushSubscriptions subscriptions;
    private final PushSender sender;
    private final Clock clock;
    private final PushSettings settings;
    private final AtomicInteger inFlight = new AtomicInteger();
    /** Per subscription, the end of its latest send: the next one starts after it. */
    private final Map<PushSubscriptionId, CompletableFuture<Void>> lastSends = new ConcurrentHashMap<>();

    public PushDispatching(
            PushQueue queue, PushSubscriptions subscriptions, PushSender sender, Clock clock, PushSettings settings) {
        this.queue = queue;
        this.subscriptions = subscriptions;
        this.sender = sender;
        this.clock = clock;
        this.settings = settings;
    }

    @Override
    public int dispatchDue() {
        int room = settings.maxInFlight() - inFlight.get();
        if (room <= 0) {
            return 0;
        }
        Instant now = clock.now();
        int started = 0;
        for (PushJob job : inMessageOrder(queue.claimDue(now, room, now.plus(settings.lease())))) {
            Optional<PushSubscription> subscription = subscriptions.find(job.subscriptionId());
            if (subscription.isEmpty()) {
                queue.complete(job.id());
                continue;
            }
            Duration ttl = Duration.between(now, job.expiresAt());
            var request = new PushSender.Request(
                    subscription.get(),
                    job.notification(),
                    job.urgency(),
                    job.topic(),
                    ttl.isNegative() ? Duration.ZERO : ttl);
            inFlight.incrementAndGet();
            started++;
            sendAfterEarlier(job, request);
        }
        return started;
    }

    /**
     * Sends once the subscription's earlier send has ended, so its pushes reach the push service in the order they
     * were queued: with one topic per conversation the service keeps only the last one it got, which must be the
     * newest message.
     */
    private void sendAfterEarlier(PushJob job, PushSender.Request request) {
        var ended = new CompletableFuture<Void>();
        CompletableFuture<Void> earlier = lastSends.put(job.subscriptionId(), ended);
        (earlier == null ? CompletableFuture.<Void>completedFuture(null) : earlier)
                .thenCompose(ignored -> sender.send(request))
                .whenComplete((delivery, failure) -> {
                    try {
                        settle(
                                job,
                                delivery != null
                                        ? delivery
                                        : new PushSender.Delivery.RetryLater(
                                                Optional.empty(), String.valueOf(failure)));
                    } catch (RuntimeException e) {
                        LOG.log(
                                System.Logger.Level.ERROR,
                                "could not settle push " + job.id() + "; it is retried when its lease ends",
                                e);
                    } finally {
                        inFlight.decrementAndGet();
                        lastSends.remove(job.subscriptionId(), ended);
                        ended.complete(null);
                    }
                });
    }

    /** Jobs queued at the same moment, a conversation's in the order of its messages. */
    private static List<PushJob> inMessageOrder(List<PushJob> jobs) {
        var ordered = new ArrayList<>(jobs);
        ordered.sort(Comparator.comparing(PushJob::notBefore)
                .thenComparing(job -> job.notification().conversationId().value())
                .thenComparingLong(job -> job.notification().seq()));
        return ordered;
    }

    /** How many sends are in flight now. */
    public int inFlight() {
        return inFlight.get();
    }

    private void settle(PushJob job, PushSender.Delivery delivery) {
        if (delivery instanceof PushSender.Delivery.Delivered) {
            queue.complete(job.id());
        } else if (delivery instanceof PushSender.Delivery.Gone) {
            subscriptions.remove(job.subscriptionId());
            queue.complete(job.id());
            LOG.log(System.Logger.Level.DEBUG, "push subscription " + job.subscriptionId() + " is gone; deleted");
        } else if (delivery instanceof PushSender.Delivery.Rejected rejected) {
            queue.complete(job.id());
            LOG.log(
                    System.Logger.Level.WARNING,
                    "push " + job.id() + " to subscription " + job.subscriptionId() + " given up: "
                            + rejected.reason());
        } else if (delivery instanceof PushSender.Delivery.RetryLater retry) {
            Instant at = clock.now().plus(retry.retryAfter().orElse(backoff(job.attempts())));
            if (at.isBefore(job.expiresAt())) {
                queue.reschedule(job.retriedAt(at));
            } else {
                queue.complete(job.id());
                LOG.log(
                        System.Logger.Level.WARNING,
                        "push " + job.id() + " expired before it could be delivered: " + retry.reason());
            }
        }
    }

    /** 1 s, 2 s, 4 s, ... up to 10 minutes. */
    static Duration backoff(int attempts) {
        if (attempts >= 10) {
            return LONGEST_BACKOFF;
        }
        Duration delay = FIRST_BACKOFF.multipliedBy(1L << attempts);
        return delay.compareTo(LONGEST_BACKOFF) > 0 ? LONGEST_BACKOFF : delay;
    }
}
