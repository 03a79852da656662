package io.messaging.core.port.in;

import io.messaging.core.model.Outcome;
import io.messaging.core.model.UserId;
import java.util.Set;

/** Tells which users who share a conversation with the caller are online. */
public interface ListOnlineContacts {

    Outcome<Set<UserId>> list(UserId userId);
}
