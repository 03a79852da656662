package io.messaging.core.port.out;

import io.messaging.core.model.OneTimeToken;
import io.messaging.core.model.TokenPurpose;
import java.time.Instant;
import java.util.Optional;

/**
 * Single-use tokens (activation, password reset), stored by the hash of their secret. Thread-safe; throws
 * {@link StoreException} when the store cannot be reached.
 */
public interface OneTimeTokens {

    /** Stores a token; a token with the same hash replaces it. */
    void save(OneTimeToken token);

    /**
     * Atomically removes and returns the token with this hash and purpose if it exists and has not expired at
     * {@code now}. Two concurrent calls for the same token: at most one gets it. An expired token is removed too.
     */
    Optional<OneTimeToken> consume(String tokenHash, TokenPurpose purpose, Instant now);
}
