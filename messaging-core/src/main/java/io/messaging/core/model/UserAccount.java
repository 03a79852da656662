package io.messaging.core.model;

import java.util.Objects;

/**
 * A user together with their password hash and token version, as the user store keeps it. Tokens carry the version
 * they were issued under; a password change or reset increments it, which revokes every earlier token.
 */
public record UserAccount(User user, String passwordHash, long tokenVersion) {
    public UserAccount {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(passwordHash, "passwordHash");
        if (tokenVersion < 0) {
            throw new IllegalArgumentException("tokenVersion must not be negative");
        }
    }

    /** A new account, at token version 0. */
    public UserAccount(User user, String passwordHash) {
        this(user, passwordHash, 0);
    }

    /** The account's user id. */
    public UserId id() {
        return user.id();
    }
}
