package io.messaging.push;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The content-encryption key and nonce of a Web Push message (RFC 8291, section 3.4, with RFC 8188's aes128gcm):
 * ECDH between one side's private key and the other's public key, then HKDF-SHA-256 (its extract and one-block
 * expand steps, as HMACs) over the auth secret, both public keys and the salt.
 */
record ContentKeys(byte[] key, byte[] nonce) {
    private static final byte[] KEY_INFO = "WebPush: info\0".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CEK_INFO = "Content-Encoding: aes128gcm\0".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NONCE_INFO = "Content-Encoding: nonce\0".getBytes(StandardCharsets.US_ASCII);

    /**
     * Derives the keys. {@code ownPrivate} is the application server's key when encrypting and the user agent's
     * when decrypting; {@code otherPublic} is the other side's.
     */
    static ContentKeys derive(
            ECPrivateKey ownPrivate,
            ECPublicKey otherPublic,
            byte[] uaPublic,
            byte[] asPublic,
            byte[] authSecret,
            byte[] salt) {
        try {
            var agreement = KeyAgreement.getInstance("ECDH");
            agreement.init(ownPrivate);
            agreement.doPhase(otherPublic, true);
            byte[] ecdhSecret = agreement.generateSecret();
            byte[] prkKey = hmac(authSecret, ecdhSecret);
            byte[] ikm = hmac(prkKey, concat(KEY_INFO, uaPublic, asPublic, new byte[] {1}));
            byte[] prk = hmac(salt, ikm);
            return new ContentKeys(
                    Arrays.copyOf(hmac(prk, concat(CEK_INFO, new byte[] {1})), 16),
                    Arrays.copyOf(hmac(prk, concat(NONCE_INFO, new byte[] {1})), 12));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the keys do not agree on P-256", e);
        }
    }

    private static byte[] hmac(byte[] key, byte[] data) throws GeneralSecurityException {
        var mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data);
    }

    static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] joined = new byte[length];
        int offset = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, joined, offset, part.length);
            offset += part.length;
        }
        return joined;
    }
}
