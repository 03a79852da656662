package io.messaging.core.port.in;

import io.messaging.core.model.Device;
import io.messaging.core.model.DeviceId;
import io.messaging.core.model.Outcome;
import io.messaging.core.model.UserId;
import java.util.List;

/** Shows a user's devices (public keys only), and tells whether a device is the caller's own. */
public interface ListDevices {

    /** The user's devices, oldest first; {@code not_found} for an unknown user. Any signed-in user may ask. */
    Outcome<List<Device>> list(UserId viewerId, UserId ownerId);

    /**
     * The device the caller names as the one it speaks for ({@code auth.deviceId}, {@code X-Device-Id}):
     * {@code validation_failed} for a malformed id, {@code not_found} when it is not one of the caller's devices.
     */
    Outcome<DeviceId> own(UserId userId, String deviceId);
}
