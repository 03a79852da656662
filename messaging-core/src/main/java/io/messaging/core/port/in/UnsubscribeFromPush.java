package io.messaging.core.port.in;

import io.messaging.core.model.Done;
import io.messaging.core.model.Outcome;
import io.messaging.core.model.PushSubscriptionId;
import io.messaging.core.model.UserId;

/** Deletes one of the caller's Web Push subscriptions. */
public interface UnsubscribeFromPush {

    /**
     * Deletes it. Failures: {@code not_found} when the caller has no subscription with this id (someone else's
     * included); {@code unavailable} when push is not configured.
     */
    Outcome<Done> unsubscribe(UserId userId, PushSubscriptionId id);
}
