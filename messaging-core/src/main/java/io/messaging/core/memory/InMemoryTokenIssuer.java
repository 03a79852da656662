package io.messaging.core.memory;

import io.messaging.core.model.UserId;
import io.messaging.core.port.out.Clock;
import io.messaging.core.port.out.TokenIssuer;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Random opaque tokens remembered in memory, for an embedded core with no signing key. */
public final class InMemoryTokenIssuer implements TokenIssuer {
    private static final SecureRandom RANDOM = new SecureRandom();

    private record Grant(UserId userId, long tokenVersion, Instant expiresAt) {}

    private final Map<String, Grant> grants = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Duration validity;

    public InMemoryTokenIssuer(Clock clock, Duration validity) {
        this.clock = clock;
        this.validity = validity;
    }

    @Override
    public IssuedToken issue(UserId userId, long tokenVersion) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        grants.put(token, new Grant(userId, tokenVersion, clock.now().plus(validity)));
        return new IssuedToken(token, validity.toSeconds());
    }

    @Override
    public Optional<Verified> verify(String token) {
        var grant = token == null ? null : grants.get(token);
        if (grant == null || !grant.expiresAt().isAfter(clock.now())) {
            return Optional.empty();
        }
        return Optional.of(new Verified(grant.userId(), grant.tokenVersion()));
    }
}
