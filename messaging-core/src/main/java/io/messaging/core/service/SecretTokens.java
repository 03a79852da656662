package io.messaging.core.service;

import io.messaging.core.model.OneTimeToken;
import io.messaging.core.model.TokenPurpose;
import io.messaging.core.model.UserId;
import io.messaging.core.port.out.OneTimeTokens;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;

/** Random secrets for mailed links, and the hash under which they are stored (never the secret itself). */
final class SecretTokens {
    private static final SecureRandom RANDOM = new SecureRandom();

    private SecretTokens() {}

    /**
     * Saves a new one-time token of the user for {@code purpose}, valid until {@code expiresAt}, and answers its
     * secret, which only the mail carries.
     */
    static String issue(OneTimeTokens tokens, UserId userId, TokenPurpose purpose, Instant expiresAt) {
        String secret = newSecret();
        tokens.save(new OneTimeToken(hash(secret), userId, purpose, expiresAt));
        return secret;
    }

    private static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String hash(String secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
