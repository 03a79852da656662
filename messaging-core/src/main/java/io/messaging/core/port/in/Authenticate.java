package io.messaging.core.port.in;

import io.messaging.core.model.Outcome;
import io.messaging.core.model.User;

/** Resolves a bearer token to the active user it was issued to. */
public interface Authenticate {

    /** Failures: {@code unauthorized} for a bad token or a user who no longer exists or is inactive. */
    Outcome<User> authenticate(String bearerToken);
}
