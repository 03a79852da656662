package io.messaging.security;

import io.messaging.core.model.UserId;
import io.messaging.core.port.out.TokenIssuer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.HmacKey;
import org.jose4j.lang.JoseException;

/**
 * Signed JWTs (HS256 only) carrying the user id as subject, the account's token version ({@code ver}), an issue
 * time and an expiry; expiry is exact unless a clock skew is allowed.
 */
public final class JwtTokens implements TokenIssuer {
    private static final int MIN_SECRET_BYTES = 32;
    private static final String VERSION_CLAIM = "ver";
    private final HmacKey key;
    private final Duration validity;
    private final JwtConsumer consumer;

    /** Tokens with no clock skew allowed; see {@link #JwtTokens(String, Duration, Duration)}. */
    public JwtTokens(String secret, Duration validity) {
        this(secret, validity, Duration.ZERO);
    }

    /**
     * Refuses a secret shorter than 32 bytes (the strength of HS256) with an {@link IllegalArgumentException};
     * {@code clockSkew} is how long after its expiry (and before its issue time) a token is still accepted.
     */
    public JwtTokens(String secret, Duration validity, Duration clockSkew) {
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("the JWT secret must be at least " + MIN_SECRET_BYTES + " bytes");
        }
        this.key = new HmacKey(bytes);
        this.validity = validity;
        this.consumer = new JwtConsumerBuilder()
                .setRequireSubject()
                .setRequireExpirationTime()
                .setRequireIssuedAt()
                .setAllowedClockSkewInSeconds((int) Math.min(Integer.MAX_VALUE, clockSkew.toSeconds()))
                .setVerificationKey(key)
                .setJwsAlgorithmConstraints(
                        AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.HMAC_SHA256)
                .build();
    }

    @Override
    public IssuedToken issue(UserId userId, long tokenVersion) {
        var claims = new JwtClaims();
        claims.setSubject(userId.value());
        claims.setClaim(VERSION_CLAIM, tokenVersion);
        claims.setIssuedAtToNow();
        NumericDate expiry = NumericDate.now();
        expiry.addSeconds(validity.toSeconds());
        claims.setExpirationTime(expiry);
        var jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key);
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
        try {
            return new IssuedToken(jws.getCompactSerialization(), validity.toSeconds());
        } catch (JoseException e) {
            throw new IllegalStateException("signing with a valid HMAC key cannot fail", e);
        }
    }

    @Override
    public Optional<Verified> verify(String token) {
        if (token == null || token.isEmpty() || token.length() > 4096) {
            return Optional.empty();
        }
        try {
            JwtClaims claims = consumer.processToClaims(token);
            Object version = claims.getClaimValue(VERSION_CLAIM);
            long tokenVersion = version == null ? 0 : version instanceof Long number ? number : -1;
            if (tokenVersion < 0) {
                return Optional.empty();
            }
            return Optional.of(new Verified(UserId.of(claims.getSubject()), tokenVersion));
        } catch (InvalidJwtException | MalformedClaimException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
