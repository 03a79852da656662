package io.messaging.rest;

import io.messaging.core.model.UserId;
import io.messaging.core.port.out.TokenIssuer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.HmacKey;
import org.jose4j.lang.JoseException;

/** Signed JWTs (HS256 only) carrying the user id as subject, with an issue time and an expiry. */
public final class JwtTokens implements TokenIssuer {
    private static final int MIN_SECRET_BYTES = 32;
    private final HmacKey key;
    private final Duration validity;
    private final JwtConsumer consumer;

    /** Refuses a secret shorter than 32 bytes (the strength of HS256) with an {@link IllegalArgumentException}. */
    public JwtTokens(String secret, Duration validity) {
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
                .setAllowedClockSkewInSeconds(30)
                .setVerificationKey(key)
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                        AlgorithmIdentifiers.HMAC_SHA256)
                .build();
    }

    @Override
    public IssuedToken issue(UserId userId) {
        var claims = new JwtClaims();
        claims.setSubject(userId.value());
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
    public Optional<UserId> verify(String token) {
        if (token == null || token.isEmpty() || token.length() > 4096) {
            return Optional.empty();
        }
        try {
            String subject = consumer.processToClaims(token).getSubject();
            return Optional.of(UserId.of(subject));
        } catch (InvalidJwtException | org.jose4j.jwt.MalformedClaimException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
