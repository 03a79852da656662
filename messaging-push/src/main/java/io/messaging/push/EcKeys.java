package io.messaging.push;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.util.Arrays;

/** P-256 keys in the raw forms Web Push uses: 65-byte uncompressed points and 32-byte private scalars. */
final class EcKeys {
    static final int POINT_BYTES = 65;
    static final int SCALAR_BYTES = 32;
    private static final ECParameterSpec P256 = p256();

    private EcKeys() {}

    private static ECParameterSpec p256() {
        try {
            var parameters = AlgorithmParameters.getInstance("EC");
            parameters.init(new ECGenParameterSpec("secp256r1"));
            return parameters.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has P-256", e);
        }
    }

    /** A fresh P-256 key pair. */
    static KeyPair generate() {
        try {
            var generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has P-256", e);
        }
    }

    /** The public key of an uncompressed point ({@code 0x04 || X || Y}); IllegalArgumentException otherwise. */
    static ECPublicKey publicKey(byte[] point) {
        if (point.length != POINT_BYTES || point[0] != 4) {
            throw new IllegalArgumentException("not an uncompressed P-256 point");
        }
        var x = new BigInteger(1, Arrays.copyOfRange(point, 1, 33));
        var y = new BigInteger(1, Arrays.copyOfRange(point, 33, 65));
        try {
            return (ECPublicKey)
                    KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(new ECPoint(x, y), P256));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not a P-256 point", e);
        }
    }

    /** The private key of a 32-byte scalar; IllegalArgumentException otherwise. */
    static ECPrivateKey privateKey(byte[] scalar) {
        if (scalar.length != SCALAR_BYTES) {
            throw new IllegalArgumentException("not a 32-byte P-256 private key");
        }
        try {
            return (ECPrivateKey)
                    KeyFactory.getInstance("EC").generatePrivate(new ECPrivateKeySpec(new BigInteger(1, scalar), P256));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not a P-256 private key", e);
        }
    }

    /** The uncompressed point of a public key. */
    static byte[] point(ECPublicKey key) {
        byte[] point = new byte[POINT_BYTES];
        point[0] = 4;
        copyFixed(key.getW().getAffineX(), point, 1);
        copyFixed(key.getW().getAffineY(), point, 33);
        return point;
    }

    /** The 32-byte scalar of a private key. */
    static byte[] scalar(ECPrivateKey key) {
        byte[] scalar = new byte[SCALAR_BYTES];
        copyFixed(key.getS(), scalar, 0);
        return scalar;
    }

    private static void copyFixed(BigInteger value, byte[] into, int offset) {
        byte[] bytes = value.toByteArray();
        int length = Math.min(bytes.length, SCALAR_BYTES);
        System.arraycopy(bytes, bytes.length - length, into, offset + SCALAR_BYTES - length, length);
    }
}
