package io.messaging.core.port.out;

import io.messaging.core.model.MessageId;
import io.messaging.core.model.ScheduledMessage;
import io.messaging.core.model.ScheduledMessageId;
import io.messaging.core.model.ScheduledStatus;
import io.messaging.core.model.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The store of scheduled messages, shared by every node that dispatches them. A scheduled message is due from its
 * {@code sendAt} while it is {@code scheduled}; a dispatcher {@link #claimDue claims} it before sending it. A claim
 * holds a lease: until it ends no one else can claim the message, and once it ends without the message being
 * {@link #markSent sent} or {@link #markFailed failed} (its dispatcher died) the message is due again. A message
 * that was claimed once can no longer be edited or cancelled, as it may already have been sent.
 *
 * <p>Thread-safe, and safe across processes sharing the store: every method is atomic, so of two racing claims of
 * the same message exactly one gets it. Values are immutable and never null; arguments must not be null. Throws
 * {@link StoreException} when the store cannot be reached (a write that throws changed nothing, or will be
 * repeated harmlessly: every write is idempotent).
 */
public interface ScheduledMessages {

    /**
     * Stores a new scheduled message durably, or, when the same sender already stored one with the same
     * {@code clientMessageId}, returns that one unchanged and stores nothing. Returns the stored message.
     */
    ScheduledMessage insert(ScheduledMessage message);

    Optional<ScheduledMessage> findById(ScheduledMessageId id);

    /** The sender's scheduled messages in one of {@code statuses}, soonest {@code sendAt} first (then by id). */
    List<ScheduledMessage> listBySender(UserId senderId, Set<ScheduledStatus> statuses);

    /**
     * Replaces content and send time of a message that is still {@code scheduled} and was never claimed; returns
     * the updated message, or empty (changing nothing) otherwise or when unknown.
     */
    Optional<ScheduledMessage> reschedule(ScheduledMessageId id, String content, Instant sendAt);

    /**
     * Cancels a message that is still {@code scheduled} and was never claimed; returns the cancelled message, or
     * empty (changing nothing) otherwise or when unknown.
     */
    Optional<ScheduledMessage> cancel(ScheduledMessageId id);

    /**
     * Claims up to {@code limit} messages that are due at {@code now} ({@code scheduled}, {@code sendAt <= now}, and
     * not under a lease that ends after {@code now}), soonest first, each with a lease until {@code leaseUntil}.
     * Each returned message is claimed by this call alone.
     */
    List<ScheduledMessage> claimDue(Instant now, Instant leaseUntil, int limit);

    /**
     * When the next message becomes due: the earliest {@code sendAt} of the unclaimed scheduled messages, or the
     * earliest end of a lease of the claimed ones; empty when nothing is scheduled.
     */
    Optional<Instant> nextDueAt();

    /** Records that the message was sent as {@code messageId}; only a {@code scheduled} message changes. */
    void markSent(ScheduledMessageId id, MessageId messageId);

    /** Records that the message could not be sent, for the reason {@code failure}; only a {@code scheduled} one. */
    void markFailed(ScheduledMessageId id, String failure);
}
