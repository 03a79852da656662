package io.messaging.core.model;

import java.time.Instant;
import java.util.Objects;

/** A single-use, expiring token, kept only as the hash of the secret that was mailed. */
public record OneTimeToken(String tokenHash, UserId userId, TokenPurpose purpose, Instant expiresAt) {
    public OneTimeToken {
        Objects.requireNonNull(tokenHash, "tokenHash");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
