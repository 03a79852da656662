package io.messaging.push;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.util.Base64;
import java.util.Objects;

/**
 * The application server's VAPID key pair (RFC 8292): a P-256 key whose public half browsers subscribe with and
 * whose private half signs each push. Encoded as base64url, the public key as its uncompressed point and the private
 * key as its 32-byte scalar, as the usual Web Push tools print them. Never log {@link #privateKeyBase64Url()}.
 */
public final class VapidKeys {
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private final ECPublicKey publicKey;
    private final ECPrivateKey privateKey;

    /** Why a key pair could not be read, and which half is at fault. */
    public static final class InvalidKeyException extends IllegalArgumentException {
        private final boolean privateKeyAtFault;

        InvalidKeyException(boolean privateKeyAtFault, String message) {
            super(message);
            this.privateKeyAtFault = privateKeyAtFault;
        }

        /** True when the private key is wrong (malformed, or not the public key's pair). */
        public boolean privateKeyAtFault() {
            return privateKeyAtFault;
        }
    }

    private VapidKeys(ECPublicKey publicKey, ECPrivateKey privateKey) {
        this.publicKey = publicKey;
        this.privateKey = privateKey;
    }

    /** A fresh key pair. */
    public static VapidKeys generate() {
        KeyPair pair = EcKeys.generate();
        return new VapidKeys((ECPublicKey) pair.getPublic(), (ECPrivateKey) pair.getPrivate());
    }

    /**
     * Reads a key pair from its base64url halves, checking that the private key signs what the public key verifies.
     *
     * @throws InvalidKeyException naming the half that is wrong
     */
    public static VapidKeys parse(String publicKeyBase64Url, String privateKeyBase64Url) {
        Objects.requireNonNull(publicKeyBase64Url, "publicKeyBase64Url");
        Objects.requireNonNull(privateKeyBase64Url, "privateKeyBase64Url");
        ECPublicKey publicKey;
        try {
            publicKey = EcKeys.publicKey(Base64.getUrlDecoder().decode(publicKeyBase64Url.trim()));
        } catch (IllegalArgumentException e) {
            throw new InvalidKeyException(false, "must be base64url of an uncompressed P-256 point (65 bytes)");
        }
        ECPrivateKey privateKey;
        try {
            privateKey = EcKeys.privateKey(Base64.getUrlDecoder().decode(privateKeyBase64Url.trim()));
        } catch (IllegalArgumentException e) {
            throw new InvalidKeyException(true, "must be base64url of a 32-byte P-256 private key");
        }
        var keys = new VapidKeys(publicKey, privateKey);
        if (!keys.pairUp()) {
            throw new InvalidKeyException(true, "is not the private key of VAPID_PUBLIC_KEY");
        }
        return keys;
    }

    private boolean pairUp() {
        byte[] probe = "vapid key pair check".getBytes(StandardCharsets.US_ASCII);
        try {
            var signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(privateKey);
            signer.update(probe);
            byte[] signature = signer.sign();
            var verifier = Signature.getInstance("SHA256withECDSA");
            verifier.initVerify(publicKey);
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** The public key as browsers take it ({@code applicationServerKey}). */
    public String publicKeyBase64Url() {
        return ENCODER.encodeToString(EcKeys.point(publicKey));
    }

    /** The private key, for keeping it where it was generated; a secret. */
    public String privateKeyBase64Url() {
        return ENCODER.encodeToString(EcKeys.scalar(privateKey));
    }

    ECPrivateKey privateKey() {
        return privateKey;
    }

    @Override
    public String toString() {
        return "VapidKeys[" + publicKeyBase64Url() + "]";
    }
}
