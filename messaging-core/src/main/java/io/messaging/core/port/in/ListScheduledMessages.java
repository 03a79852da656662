package io.messaging.core.port.in;

import io.messaging.core.model.Outcome;
import io.messaging.core.model.ScheduledMessage;
import io.messaging.core.model.ScheduledStatus;
import io.messaging.core.model.UserId;
import java.util.List;
import java.util.Set;

/** Lists one's own scheduled messages. */
public interface ListScheduledMessages {

    /** The user's own scheduled messages in one of {@code statuses}, soonest first; never anyone else's. */
    Outcome<List<ScheduledMessage>> list(UserId userId, Set<ScheduledStatus> statuses);
}
