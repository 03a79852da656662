package io.messaging.core.model;

import java.util.Objects;

/** A user together with their password hash, as the user store keeps it. */
public record UserAccount(User user, String passwordHash) {
    public UserAccount {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(passwordHash, "passwordHash");
    }

    /** The account's user id. */
    public UserId id() {
        return user.id();
    }
}
