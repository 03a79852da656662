package io.messaging.core.port.in;

import io.messaging.core.model.Outcome;
import io.messaging.core.model.User;

/** Activates an account with the single-use token that was mailed to it. */
public interface ActivateAccount {

    /** Failures: {@code not_found} for an unknown, used or expired token. */
    Outcome<User> activate(String token);
}
