package io.messaging.core.model;

import java.util.Objects;

/** A public one-time prekey a device uploaded, handed out to one claimer and then forgotten. */
public record OneTimePreKey(long keyId, String publicKey) {
    public OneTimePreKey {
        Objects.requireNonNull(publicKey, "publicKey");
    }
}
