package io.messaging.core.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

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

    /** Whether this device renews {@code existing}: the same user and identity key (then it keeps its prekeys). */
    public boolean renews(Optional<Device> existing) {
        return existing.filter(other -> other.userId.equals(userId) && other.identityKey.equals(identityKey))
                .isPresent();
    }

    /** This device as it is stored over {@code existing}: renewing it keeps its creation time. */
    public Device storedOver(Optional<Device> existing) {
        return renews(existing)
                ? new Device(deviceId, userId, name, identityKey, signedPreKey, existing.get().createdAt)
                : this;
    }
}
