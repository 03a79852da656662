package io.messaging.core.port.in;

import io.messaging.core.model.Outcome;
import io.messaging.core.model.User;
import io.messaging.core.model.UserId;

/** Shows one user's profile. */
public interface ViewUser {

    /** Failures: {@code not_found}. */
    Outcome<User> view(UserId viewerId, UserId userId);
}
