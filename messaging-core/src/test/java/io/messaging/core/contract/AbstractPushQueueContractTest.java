package io.messaging.core.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.messaging.core.model.ConversationId;
import io.messaging.core.model.MessageId;
import io.messaging.core.model.PushJob;
import io.messaging.core.model.PushNotification;
import io.messaging.core.model.PushSubscriptionId;
import io.messaging.core.model.PushUrgency;
import io.messaging.core.model.UserId;
import io.messaging.core.port.out.PushQueue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The contract of {@link PushQueue}, run against every store adapter. */
public abstract class AbstractPushQueueContractTest extends StoreContract {

    protected AbstractPushQueueContractTest(StoreAdapter adapter) {
        super(adapter);
    }

    protected static PushJob job(Instant notBefore, Instant expiresAt) {
        var notification = new PushNotification(
                ConversationId.of(uniqueId("c")),
                MessageId.of(uniqueId("m")),
                7,
                UserId.of("sender-1"),
                "Alice \u00e9\u2603",
                "Team \u2615",
                "Alice: caf\u00e9 at 10? \uD83D\uDE00");
        return new PushJob(
                uniqueId("j"),
                PushSubscriptionId.of(uniqueId("p")),
                notification,
                PushUrgency.HIGH,
                "dG9waWMtb2YtdGhlLWNvbnZlcnNhdGlvbg",
                notBefore,
                expiresAt,
                0);
    }

    private PushQueue queue() {
        return stores.pushQueue();
    }

    private static PushJob leased(PushJob job, Instant until) {
        return new PushJob(
                job.id(),
                job.subscriptionId(),
                job.notification(),
                job.urgency(),
                job.topic(),
                until,
                job.expiresAt(),
                job.attempts());
    }

    @Test
    void dueJobsAreClaimedWhole_earliestFirst_andLeased() {
        var second = job(T0.plusSeconds(2), T0.plusSeconds(100));
        var first = job(T0.plusSeconds(1), T0.plusSeconds(100));
        var notYet = job(T0.plusSeconds(50), T0.plusSeconds(100));
        queue().enqueue(List.of(second, first, notYet));

        assertEquals(List.of(first, second), queue().claimDue(T0.plusSeconds(10), 10, T0.plusSeconds(40)));
        assertEquals(List.of(), queue().claimDue(T0.plusSeconds(39), 10, T0.plusSeconds(70)));
        assertEquals(
                Set.of(leased(first, T0.plusSeconds(40)), leased(second, T0.plusSeconds(40))),
                new HashSet<>(queue().claimDue(T0.plusSeconds(40), 2, T0.plusSeconds(70))));
    }

    @Test
    void aClaimTakesAtMostTheLimit() {
        var jobs = IntStream.range(0, 5)
                .mapToObj(i -> job(T0.plusSeconds(i), T0.plusSeconds(100)))
                .toList();
        queue().enqueue(jobs);

        assertEquals(jobs.subList(0, 3), queue().claimDue(T0.plusSeconds(10), 3, T0.plusSeconds(60)));
        assertEquals(jobs.subList(3, 5), queue().claimDue(T0.plusSeconds(10), 3, T0.plusSeconds(60)));
    }

    @Test
    void enqueuingTheSameJobAgainChangesNothing() {
        var job = job(T0, T0.plusSeconds(100));
        queue().enqueue(List.of(job));
        queue().claimDue(T0, 10, T0.plusSeconds(60));

        queue().enqueue(List.of(job));

        assertEquals(List.of(), queue().claimDue(T0.plusSeconds(1), 10, T0.plusSeconds(60)));
    }

    @Test
    void aCompletedJobIsGone() {
        var job = job(T0, T0.plusSeconds(100));
        queue().enqueue(List.of(job));

        queue().complete(job.id());
        queue().complete(job.id());

        assertEquals(List.of(), queue().claimDue(T0.plusSeconds(90), 10, T0.plusSeconds(95)));
    }

    @Test
    void aRescheduledJobIsDueAgainWithItsAttempts() {
        var job = job(T0, T0.plusSeconds(100));
        queue().enqueue(List.of(job));
        queue().claimDue(T0, 10, T0.plusSeconds(60));
        var retry = job.retriedAt(T0.plusSeconds(5));

        queue().reschedule(retry);

        assertEquals(List.of(), queue().claimDue(T0.plusSeconds(4), 10, T0.plusSeconds(60)));
        assertEquals(List.of(retry), queue().claimDue(T0.plusSeconds(5), 10, T0.plusSeconds(60)));
        queue().complete(job.id());
        queue().reschedule(retry.retriedAt(T0.plusSeconds(6)));
        assertEquals(List.of(), queue().claimDue(T0.plusSeconds(90), 10, T0.plusSeconds(95)));
    }

    @Test
    void anExpiredJobIsNeverClaimed() {
        var expiring = job(T0, T0.plusSeconds(10));
        queue().enqueue(List.of(expiring));

        assertEquals(List.of(), queue().claimDue(T0.plusSeconds(10), 10, T0.plusSeconds(60)));
        assertEquals(List.of(), queue().claimDue(T0.plusSeconds(5), 10, T0.plusSeconds(60)));
    }

    @Test
    void concurrentClaimsNeverReturnAJobTwice() throws Exception {
        var jobs = IntStream.range(0, 40)
                .mapToObj(i -> job(T0, T0.plusSeconds(100)))
                .toList();
        queue().enqueue(jobs);
        var pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<List<PushJob>>> claims = IntStream.range(0, 8)
                    .<Callable<List<PushJob>>>mapToObj(i -> () -> queue().claimDue(T0, 10, T0.plusSeconds(60)))
                    .toList();
            var claimed = new ArrayList<String>();
            for (var future : pool.invokeAll(claims)) {
                future.get().forEach(job -> claimed.add(job.id()));
            }
            List<PushJob> rest;
            while (!(rest = queue().claimDue(T0, 10, T0.plusSeconds(60))).isEmpty()) {
                rest.forEach(job -> claimed.add(job.id()));
            }
            assertEquals(40, claimed.size());
            assertEquals(40, new HashSet<>(claimed).size());
        } finally {
            pool.shutdownNow();
        }
    }
}
