package io.messaging.core.port.in;

import io.messaging.core.model.DeviceId;
import io.messaging.core.model.Outcome;
import io.messaging.core.model.PreKeyBundle;
import io.messaging.core.model.UserId;

/** Hands out a device's prekey bundle to someone starting an encrypted session with it. */
public interface ClaimPreKeys {

    /**
     * The device's keys with one of its one-time prekeys, which no other claim ever gets (none once they are used
     * up). Failures: {@code not_found} for an unknown user or a device that is not theirs; {@code rate_limited} past
     * {@link Limits#CLAIMS_PER_WINDOW} claims by the claimer, or {@link Limits#CLAIMS_PER_DEVICE_PER_WINDOW} of one
     * device, per {@link Limits#CLAIM_WINDOW_MINUTES} minutes, so that no one drains a device's prekeys.
     */
    Outcome<PreKeyBundle> claim(UserId claimerId, UserId ownerId, DeviceId deviceId);
}
