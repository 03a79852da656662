package io.messaging.core.port.in;

import io.messaging.core.model.DeviceId;
import io.messaging.core.model.Done;
import io.messaging.core.model.Outcome;
import io.messaging.core.model.UserId;

/** Takes one of the caller's own devices out of the key directory. */
public interface RemoveDevice {

    /**
     * Removes the device and its one-time prekeys and tells the user's contacts ({@code DeviceChanged});
     * {@code not_found} for a device that is not the caller's.
     */
    Outcome<Done> remove(UserId userId, DeviceId deviceId);
}
