package io.messaging.security;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.messaging.core.port.out.PasswordHasher;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * bcrypt of the base64 SHA-256 of the password: the pre-hash keeps every character of passwords longer than
 * bcrypt's 72-byte input (we accept up to 128 characters) and removes NUL bytes.
 */
public final class BcryptPasswordHasher implements PasswordHasher {
    private final int cost;

    /** With the given cost (work factor, 4..31; 10 is a sound default). */
    public BcryptPasswordHasher(int cost) {
        if (cost < 4 || cost > 31) {
            throw new IllegalArgumentException("bcrypt cost must be 4..31");
        }
        this.cost = cost;
    }

    @Override
    public String hash(String password) {
        return BCrypt.withDefaults().hashToString(cost, preHash(password));
    }

    @Override
    public boolean matches(String password, String hash) {
        try {
            return BCrypt.verifyer().verify(preHash(password), hash.toCharArray()).verified;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static char[] preHash(String password) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(password.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(digest).toCharArray();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
