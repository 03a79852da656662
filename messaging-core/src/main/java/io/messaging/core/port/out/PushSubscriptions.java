package io.messaging.core.port.out;

import io.messaging.core.model.PushSubscription;
import io.messaging.core.model.PushSubscriptionId;
import io.messaging.core.model.UserId;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The users' Web Push subscriptions. An endpoint belongs to at most one subscription. Implementations are
 * thread-safe, take no nulls, return immutable values (never null), and throw {@link StoreException} when the store
 * cannot be reached.
 */
public interface PushSubscriptions {

    /** Outcome of {@link #subscribe}. */
    sealed interface SubscribeOutcome {
        /** The candidate is stored as a new subscription. */
        record Added(PushSubscription subscription) implements SubscribeOutcome {}

        /**
         * The user already had this endpoint: the stored subscription (same id and creation time) now carries the
         * candidate's keys.
         */
        record Existing(PushSubscription subscription) implements SubscribeOutcome {}

        /** The user already holds {@code maxPerUser} other subscriptions; nothing was stored. */
        record LimitReached() implements SubscribeOutcome {}
    }

    /**
     * Stores {@code candidate} for its user unless they already have its endpoint (then its keys are updated).
     * An endpoint that another user holds moves to this user (a browser's subscription follows the account that
     * subscribed last): the other user's subscription is removed. Idempotent: the same call again answers
     * {@code Existing} with the same id.
     */
    SubscribeOutcome subscribe(PushSubscription candidate, int maxPerUser);

    /** The user's subscriptions, oldest first. */
    List<PushSubscription> ofUser(UserId userId);

    /** The subscriptions of all these users, in no particular order. */
    List<PushSubscription> ofUsers(Collection<UserId> userIds);

    Optional<PushSubscription> find(PushSubscriptionId id);

    /** Removes the subscription; false if there was none. Idempotent. */
    boolean remove(PushSubscriptionId id);
}
