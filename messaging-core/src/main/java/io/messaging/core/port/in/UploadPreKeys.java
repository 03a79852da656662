package io.messaging.core.port.in;

import io.messaging.core.model.DeviceId;
import io.messaging.core.model.OneTimePreKey;
import io.messaging.core.model.Outcome;
import io.messaging.core.model.UserId;
import java.util.List;

/** Tops up the one-time prekeys of one of the caller's own devices. */
public interface UploadPreKeys {

    /**
     * Adds the keys (a key id already stored is replaced) and returns how many the device holds now. Failures:
     * {@code not_found} for a device that is not the caller's; {@code validation_failed} as for
     * {@link RegisterDevice}; {@code conflict} when the device would hold more than {@link Limits#PREKEYS_STORED_MAX}.
     */
    Outcome<Integer> upload(UserId userId, DeviceId deviceId, List<OneTimePreKey> oneTimePreKeys);
}
