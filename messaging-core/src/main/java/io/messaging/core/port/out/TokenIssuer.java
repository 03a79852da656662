package io.messaging.core.port.out;

import io.messaging.core.model.UserId;
import java.util.Optional;

/** Issues and verifies the bearer tokens that authenticate API and real-time calls. Thread-safe. */
public interface TokenIssuer {

    /** A signed token and how many seconds it stays valid. */
    record IssuedToken(String token, long expiresInSeconds) {
    }

    /** A new token whose subject is the user. */
    IssuedToken issue(UserId userId);

    /**
     * The subject of a valid token; empty (never an exception) for a missing, malformed, expired or forged token,
     * or one signed with any algorithm but the expected one.
     */
    Optional<UserId> verify(String token);
}
