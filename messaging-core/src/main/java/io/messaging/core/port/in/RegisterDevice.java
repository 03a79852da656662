package io.messaging.core.port.in;

import io.messaging.core.model.Device;
import io.messaging.core.model.DeviceId;
import io.messaging.core.model.OneTimePreKey;
import io.messaging.core.model.Outcome;
import io.messaging.core.model.SignedPreKey;
import io.messaging.core.model.UserId;
import java.util.List;
import java.util.Objects;

/** Publishes (or renews) one of the caller's own devices in the key directory, for end-to-end encryption. */
public interface RegisterDevice {

    /** The device's public keys as the client sends them (base64url); {@code name} may be empty. */
    record Command(
            UserId userId,
            DeviceId deviceId,
            String name,
            String identityKey,
            SignedPreKey signedPreKey,
            List<OneTimePreKey> oneTimePreKeys) {
        public Command {
            Objects.requireNonNull(userId, "userId");
            Objects.requireNonNull(deviceId, "deviceId");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(identityKey, "identityKey");
            Objects.requireNonNull(signedPreKey, "signedPreKey");
            oneTimePreKeys = List.copyOf(oneTimePreKeys);
        }
    }

    /**
     * Stores the device (see {@code Devices.register} for how an existing one is renewed) and, when it is new or its
     * identity key changed, tells the user's contacts ({@code DeviceChanged}). Failures: {@code validation_failed}
     * for a key that is not base64url of 1 to {@link Limits#KEY_MAX} characters, a name over
     * {@link Limits#DEVICE_NAME_MAX}, a key id outside 0..{@link Limits#PREKEY_ID_MAX}, more than
     * {@link Limits#PREKEYS_PER_UPLOAD_MAX} one-time prekeys or two with one key id; {@code conflict} when the user
     * already has {@link Limits#DEVICES_PER_USER_MAX} other devices, the device would hold more than
     * {@link Limits#PREKEYS_STORED_MAX} one-time prekeys, or another user holds the device id.
     */
    Outcome<Device> register(Command command);
}
