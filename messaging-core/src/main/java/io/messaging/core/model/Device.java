package io.messaging.core.model;

import java.time.Instant;
import java.util.Objects;

/**
 * One device of a user as the key directory publishes it: public keys only (base64url, opaque to the server), so
 * that others can start an end-to-end encrypted session with it.
 */
public record Device(
        DeviceId deviceId,
        UserId userId,
        String name,
        String identityKey,
        SignedPreKey signedPreKey,
        Instant createdAt) {
    public Device {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(identityKey, "identityKey");
        Objects.requireNonNull(signedPreKey, "signedPreKey");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
