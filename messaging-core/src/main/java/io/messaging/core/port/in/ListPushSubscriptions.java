package io.messaging.core.port.in;

import io.messaging.core.model.Outcome;
import io.messaging.core.model.PushSubscription;
import io.messaging.core.model.UserId;
import java.util.List;

/** Lists the caller's own Web Push subscriptions. */
public interface ListPushSubscriptions {

    /** The caller's subscriptions, oldest first. Failures: {@code unavailable} when push is not configured. */
    Outcome<List<PushSubscription>> list(UserId userId);
}
