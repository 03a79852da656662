package io.messaging.core.memory;

import io.messaging.core.model.PushJob;
import io.messaging.core.port.out.PushQueue;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The push queue in memory: durable only for the life of the process, for embedding and tests. */
final class InMemoryPushQueue implements PushQueue {
    private final Map<String, PushJob> byId = new HashMap<>();

    @Override
    public synchronized void enqueue(Collection<PushJob> jobs) {
        jobs.forEach(job -> byId.putIfAbsent(job.id(), job));
    }

    @Override
    public synchronized List<PushJob> claimDue(Instant now, int limit, Instant leaseUntil) {
        byId.values().removeIf(job -> !job.expiresAt().isAfter(now));
        var due = byId.values().stream()
                .filter(job -> !job.notBefore().isAfter(now))
                .sorted(Comparator.comparing(PushJob::notBefore).thenComparing(PushJob::id))
                .limit(limit)
                .toList();
        due.forEach(job -> byId.put(
                job.id(),
                new PushJob(
                        job.id(),
                        job.subscriptionId(),
                        job.notification(),
                        job.urgency(),
                        job.topic(),
                        leaseUntil,
                        job.expiresAt(),
                        job.attempts())));
        return due;
    }

    @Override
    public synchronized void complete(String jobId) {
        byId.remove(jobId);
    }

    @Override
    public synchronized void reschedule(PushJob job) {
        byId.computeIfPresent(job.id(), (id, queued) -> job);
    }
}
