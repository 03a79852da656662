package io.messaging.core.model;

import java.util.Objects;

/** A device's medium-term prekey: its id, public key and the identity key's signature over it (all opaque here). */
public record SignedPreKey(long keyId, String publicKey, String signature) {
    public SignedPreKey {
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(signature, "signature");
    }
}
