package io.messaging.core.port.in;

import io.messaging.core.model.Outcome;
import io.messaging.core.model.User;
import java.util.Objects;
import java.util.Optional;

/** Registers a new account; it is active at once unless activation by mail is required. */
public interface RegisterUser {

    /** What a person gives to register. */
    record Command(String username, String email, String password, Optional<String> displayName) {
        public Command {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(email, "email");
            Objects.requireNonNull(password, "password");
            Objects.requireNonNull(displayName, "displayName");
        }
    }

    /**
     * Validates (username 3..32 of {@code [a-z0-9._-]} after lower-casing, email syntax, password 8..128
     * characters, display name at most 64) and stores the account. Failures: {@code validation_failed},
     * {@code conflict} for a username or email already taken (case-insensitively).
     */
    Outcome<User> register(Command command);
}
