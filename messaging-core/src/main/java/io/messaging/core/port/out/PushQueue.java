package io.messaging.core.port.out;

import io.messaging.core.model.PushJob;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * The durable queue of pushes still to deliver: what it accepted survives a restart until it is completed or its
 * time to live ends. Several workers (threads or nodes) may claim from one queue; a claim leases the job, so no two
 * claims overlap, and a job whose worker died is claimed again once its lease ends. Thread-safe; takes no nulls;
 * throws {@link StoreException} when the store cannot be reached.
 */
public interface PushQueue {

    /** Stores the jobs durably before returning. Idempotent per job id (a job already queued is left as it is). */
    void enqueue(Collection<PushJob> jobs);

    /**
     * Atomically takes up to {@code limit} (1..1000) jobs due at {@code now} ({@code notBefore <= now}) whose time
     * to live has not ended ({@code expiresAt > now}), earliest due first, and leases them until {@code leaseUntil}:
     * their {@code notBefore} becomes {@code leaseUntil}, so another claim before then does not return them. The
     * jobs are returned as they were before the lease. Expired jobs are dropped.
     */
    List<PushJob> claimDue(Instant now, int limit, Instant leaseUntil);

    /** Removes a job that was delivered or given up. Idempotent. */
    void complete(String jobId);

    /** Makes a job due again at {@code job.notBefore()} with {@code job.attempts()}; no-op if it is gone. */
    void reschedule(PushJob job);
}
