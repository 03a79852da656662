package io.messaging.core.port.out;

import io.messaging.core.model.UserId;
import java.util.Optional;

/** Issues and verifies the bearer tokens that authenticate API and real-time calls. Thread-safe. */
public interface TokenIssuer {

    /** A signed token and how many seconds it stays valid. */
    record IssuedToken(String token, long expiresInSeconds) {}

    /** Who a valid token names, and the account's token version it was issued under. */
    record Verified(UserId userId, long tokenVersion) {}

    /** A new token whose subject is the user, carrying the account's current token version. */
    IssuedToken issue(UserId userId, long tokenVersion);

    /**
     * The subject and token version of a valid token; empty (never an exception) for a missing, malformed, expired
     * or forged token, or one signed with any algorithm but the expected one. Whether the version is still the
     * account's is the caller's to check.
     */
    Optional<Verified> verify(String token);
}
