package io.messaging.push;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts a push payload for one subscription as a single {@code aes128gcm} record (RFC 8291, RFC 8188): a fresh
 * key pair and salt per message, the header {@code salt || rs || idlen || keyid}, then the AES-128-GCM record of the
 * plaintext and its last-record delimiter. Thread-safe.
 */
final class PayloadEncryption {
    /** The record size, and so the largest body a push service must accept (RFC 8030, section 7.2). */
    static final int RECORD_SIZE = 4096;

    static final int SALT_BYTES = 16;
    private static final int TAG_BYTES = 16;
    private static final int HEADER_BYTES = SALT_BYTES + 4 + 1 + EcKeys.POINT_BYTES;
    /** The most plaintext that fits one record within the 4096 bytes of body a push service accepts. */
    static final int MAX_PLAINTEXT = RECORD_SIZE - HEADER_BYTES - TAG_BYTES - 1;

    private final SecureRandom random = new SecureRandom();

    /** The encrypted body for the subscription's {@code p256dh} point and {@code auth} secret. */
    byte[] encrypt(byte[] plaintext, byte[] uaPublic, byte[] authSecret) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        return encrypt(plaintext, uaPublic, authSecret, EcKeys.generate(), salt);
    }

    /** The encrypted body with a given sender key pair and salt (RFC 8291 Appendix A reproduces this). */
    static byte[] encrypt(byte[] plaintext, byte[] uaPublic, byte[] authSecret, KeyPair asKeys, byte[] salt) {
        if (plaintext.length > MAX_PLAINTEXT) {
            throw new IllegalArgumentException("a push payload holds at most " + MAX_PLAINTEXT + " bytes");
        }
        byte[] asPublic = EcKeys.point((ECPublicKey) asKeys.getPublic());
        var keys = ContentKeys.derive(
                (ECPrivateKey) asKeys.getPrivate(), EcKeys.publicKey(uaPublic), uaPublic, asPublic, authSecret, salt);
        byte[] record = seal(keys, ContentKeys.concat(plaintext, new byte[] {2}));
        return ByteBuffer.allocate(HEADER_BYTES + record.length)
                .put(salt)
                .putInt(RECORD_SIZE)
                .put((byte) asPublic.length)
                .put(asPublic)
                .put(record)
                .array();
    }

    private static byte[] seal(ContentKeys keys, byte[] padded) {
        try {
            var cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(
                    Cipher.ENCRYPT_MODE,
                    new SecretKeySpec(keys.key(), "AES"),
                    new GCMParameterSpec(TAG_BYTES * 8, keys.nonce()));
            return cipher.doFinal(padded);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-128-GCM is in every Java runtime", e);
        }
    }
}
