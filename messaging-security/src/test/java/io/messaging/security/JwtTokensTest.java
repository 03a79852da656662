package io.messaging.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.messaging.core.model.UserId;
import io.messaging.core.port.out.TokenIssuer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.Test;

/** The JWT issuer on its own: what it signs it verifies, and nothing else. */
class JwtTokensTest {
    private static final String SECRET = "a-test-secret-that-is-long-enough-for-hs256";
    private final JwtTokens tokens = new JwtTokens(SECRET, Duration.ofHours(1));

    @Test
    void anIssuedTokenVerifiesToItsUserAndVersion() {
        var issued = tokens.issue(UserId.of("u1"), 3);
        assertEquals(3600, issued.expiresInSeconds());
        assertEquals(Optional.of(new TokenIssuer.Verified(UserId.of("u1"), 3)), tokens.verify(issued.token()));
    }

    @Test
    void aTokenSignedWithAnotherSecretIsRefused() {
        var other = new JwtTokens(SECRET + "-other", Duration.ofHours(1));
        assertEquals(
                Optional.empty(), tokens.verify(other.issue(UserId.of("u1"), 0).token()));
    }

    @Test
    void aTamperedTokenIsRefused() {
        String token = tokens.issue(UserId.of("u1"), 0).token();
        // the first character of the signature: all six of its bits count (the last one's lowest two do not)
        int signature = token.lastIndexOf('.') + 1;
        char first = token.charAt(signature);
        String tampered = token.substring(0, signature) + (first == 'A' ? 'B' : 'A') + token.substring(signature + 1);
        assertEquals(Optional.empty(), tokens.verify(tampered));
    }

    @Test
    void anExpiredTokenIsRefusedUnlessWithinTheAllowedSkew() throws Exception {
        var claims = new JwtClaims();
        claims.setSubject("u1");
        claims.setIssuedAt(NumericDate.fromSeconds(NumericDate.now().getValue() - 600));
        claims.setExpirationTime(NumericDate.fromSeconds(NumericDate.now().getValue() - 300));
        String expired = sign(claims);
        assertEquals(Optional.empty(), tokens.verify(expired));
        var lenient = new JwtTokens(SECRET, Duration.ofHours(1), Duration.ofHours(1));
        assertEquals(Optional.of(new TokenIssuer.Verified(UserId.of("u1"), 0)), lenient.verify(expired));
    }

    @Test
    void garbageAndEmptyTokensAreRefused() {
        assertEquals(Optional.empty(), tokens.verify(""));
        assertEquals(Optional.empty(), tokens.verify(null));
        assertEquals(Optional.empty(), tokens.verify("not.a.jwt"));
        assertEquals(Optional.empty(), tokens.verify("x".repeat(5000)));
    }

    @Test
    void aShortSecretIsRefused() {
        var error = assertThrows(IllegalArgumentException.class, () -> new JwtTokens("short", Duration.ofHours(1)));
        assertTrue(error.getMessage().contains("32 bytes"), error.getMessage());
    }

    private static String sign(JwtClaims claims) throws Exception {
        var jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(new HmacKey(SECRET.getBytes(StandardCharsets.UTF_8)));
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
        return jws.getCompactSerialization();
    }
}
