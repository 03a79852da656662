package io.messaging.core.memory;

import io.messaging.core.model.OneTimeToken;
import io.messaging.core.model.TokenPurpose;
import io.messaging.core.port.out.OneTimeTokens;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Single-use tokens in memory. */
final class InMemoryOneTimeTokens implements OneTimeTokens {
    private final Map<String, OneTimeToken> byHash = new ConcurrentHashMap<>();

    @Override
    public void save(OneTimeToken token) {
        byHash.put(token.tokenHash(), token);
    }

    @Override
    public Optional<OneTimeToken> consume(String tokenHash, TokenPurpose purpose, Instant now) {
        var token = byHash.get(tokenHash);
        if (token == null || token.purpose() != purpose || !byHash.remove(tokenHash, token)) {
            return Optional.empty();
        }
        return token.expiresAt().isAfter(now) ? Optional.of(token) : Optional.empty();
    }
}
