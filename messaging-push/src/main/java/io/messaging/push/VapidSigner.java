package io.messaging.push;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

/**
 * The {@code Authorization: vapid t=..., k=...} header of RFC 8292: a JWT signed with ES256 (jose4j writes the JWS
 * form of the signature, R || S) whose audience is the push service's origin, valid for 12 hours (at most 24 are
 * allowed), whose subject is the contact the push service may write to.
 */
final class VapidSigner {
    static final Duration VALIDITY = Duration.ofHours(12);
    private final VapidKeys keys;
    private final String subject;
    private final Clock clock;

    VapidSigner(VapidKeys keys, String subject, Clock clock) {
        if (!subject.startsWith("mailto:") && !subject.startsWith("https:")) {
            throw new IllegalArgumentException("the VAPID subject must be a mailto: or https: URL");
        }
        this.keys = keys;
        this.subject = subject;
        this.clock = clock;
    }

    /** The header value for a push to this endpoint. */
    String authorization(URI endpoint) {
        var claims = new JwtClaims();
        claims.setAudience(origin(endpoint));
        claims.setExpirationTime(NumericDate.fromMilliseconds(clock.millis() + VALIDITY.toMillis()));
        claims.setSubject(subject);
        var jws = new JsonWebSignature();
        jws.setHeader("typ", "JWT");
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
        jws.setPayload(claims.toJson());
        jws.setKey(keys.privateKey());
        try {
            return "vapid t=" + jws.getCompactSerialization() + ", k=" + keys.publicKeyBase64Url();
        } catch (JoseException e) {
            throw new IllegalStateException("ES256 signing failed", e);
        }
    }

    /** Scheme, host and (when not the default) port: the audience of a push service's JWT. */
    static String origin(URI endpoint) {
        String origin = endpoint.getScheme() + "://" + endpoint.getHost();
        int port = endpoint.getPort();
        boolean defaultPort = port == -1
                || ("https".equals(endpoint.getScheme()) && port == 443)
                || ("http".equals(endpoint.getScheme()) && port == 80);
        return defaultPort ? origin : origin + ":" + port;
    }
}
