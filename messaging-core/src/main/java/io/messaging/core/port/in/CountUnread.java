package io.messaging.core.port.in;

import io.messaging.core.model.Outcome;
import io.messaging.core.model.UnreadCounts;
import io.messaging.core.model.UserId;

/** Counts a user's unread messages, per conversation and in total. */
public interface CountUnread {

    Outcome<UnreadCounts> count(UserId userId);
}
