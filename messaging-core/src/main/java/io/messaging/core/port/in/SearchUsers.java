package io.messaging.core.port.in;

import io.messaging.core.model.Outcome;
import io.messaging.core.model.User;
import io.messaging.core.model.UserId;
import java.util.List;

/** Finds active users by username or display name, to start a conversation with. */
public interface SearchUsers {

    /** Matches containing {@code query} (ignoring case), the viewer left out; limit clamped to 1..100. */
    Outcome<List<User>> search(UserId viewerId, String query, int limit);
}
