package io.messaging.core.port.out;

import io.messaging.core.model.Device;
import io.messaging.core.model.DeviceId;
import io.messaging.core.model.OneTimePreKey;
import io.messaging.core.model.PreKeyBundle;
import io.messaging.core.model.UserId;
import java.util.List;
import java.util.Optional;

/**
 * The device key directory: every user's devices with their public identity and signed prekeys, and each device's
 * one-time prekeys. A device id is unique across all users. A one-time prekey is handed out by at most one
 * {@link #claim} and deleted in the same step, so that two claimers never get the same one and none is lost.
 *
 * <p>Contract: implementations are thread-safe; every method is atomic with respect to the others on the same device
 * (a claim racing an upload or a removal sees the device before or after it, never half of it). They take no nulls,
 * return immutable values (never null), and throw {@link StoreException} when the store cannot be reached. Limits
 * are passed in by the caller; a call that would break one changes nothing.
 */
public interface Devices {

    /** Outcome of {@link #register}. */
    sealed interface RegisterOutcome {
        /**
         * The device is stored. {@code changed} when it is new or its identity key is new (its earlier one-time
         * prekeys were dropped then); {@code remaining} counts its stored one-time prekeys.
         */
        record Stored(Device device, boolean changed, int remaining) implements RegisterOutcome {}

        /** The user already has {@code maxDevices} other devices; nothing was stored. */
        record DeviceLimitReached() implements RegisterOutcome {}

        /** The device would hold more than {@code maxPreKeys} one-time prekeys; nothing was stored. */
        record PreKeyLimitReached(int remaining) implements RegisterOutcome {}

        /** Another user holds this device id; nothing was stored. */
        record TakenByAnotherUser() implements RegisterOutcome {}
    }

    /** Outcome of {@link #addPreKeys}. */
    sealed interface UploadOutcome {
        /** The keys are stored; {@code remaining} counts the device's one-time prekeys now. */
        record Added(int remaining) implements UploadOutcome {}

        /** The device would hold more than {@code maxPreKeys}; nothing was stored. */
        record LimitReached(int remaining) implements UploadOutcome {}

        /** The user has no such device. */
        record NoSuchDevice() implements UploadOutcome {}
    }

    /**
     * Stores the user's device: a new one (if the user holds fewer than {@code maxDevices}), or new keys and name
     * for one they already hold. Its {@code createdAt} is kept while the identity key stays the same; a new identity
     * key makes it a new device, whose earlier one-time prekeys are dropped. The {@code oneTimePreKeys} are added
     * to those kept; a key id already stored is replaced by the new key, and the total may not pass
     * {@code maxPreKeys}. Idempotent: the same call again stores the same.
     */
    RegisterOutcome register(Device device, List<OneTimePreKey> oneTimePreKeys, int maxDevices, int maxPreKeys);

    /**
     * Adds one-time prekeys to the user's device, replacing any with the same key id, unless the device would then
     * hold more than {@code maxPreKeys}.
     */
    UploadOutcome addPreKeys(UserId userId, DeviceId deviceId, List<OneTimePreKey> oneTimePreKeys, int maxPreKeys);

    /** The device with this id, whoever holds it. */
    Optional<Device> find(DeviceId deviceId);

    /** The user's devices, oldest first (by creation, then id). */
    List<Device> ofUser(UserId userId);

    /**
     * Hands out the device's keys with one of its one-time prekeys, which is deleted in the same atomic step (empty
     * when none is left); empty when the user has no such device.
     */
    Optional<PreKeyBundle> claim(UserId userId, DeviceId deviceId);

    /** How many one-time prekeys the device holds (0 for an unknown device). */
    int remaining(DeviceId deviceId);

    /** Removes the user's device with its one-time prekeys; false if the user had no such device. Idempotent. */
    boolean remove(UserId userId, DeviceId deviceId);
}
