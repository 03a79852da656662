package io.messaging.core.service;

import io.messaging.core.model.Device;
import io.messaging.core.model.DeviceId;
import io.messaging.core.model.DomainEvent;
import io.messaging.core.model.Done;
import io.messaging.core.model.ErrorCode;
import io.messaging.core.model.OneTimePreKey;
import io.messaging.core.model.Outcome;
import io.messaging.core.model.PreKeyBundle;
import io.messaging.core.model.UserId;
import io.messaging.core.port.in.ClaimPreKeys;
import io.messaging.core.port.in.Limits;
import io.messaging.core.port.in.ListDevices;
import io.messaging.core.port.in.RegisterDevice;
import io.messaging.core.port.in.RemoveDevice;
import io.messaging.core.port.in.UploadPreKeys;
import io.messaging.core.port.out.AttemptWindows;
import io.messaging.core.port.out.Clock;
import io.messaging.core.port.out.Conversations;
import io.messaging.core.port.out.Devices;
import io.messaging.core.port.out.EventBus;
import io.messaging.core.port.out.Users;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;

/**
 * The device key directory's use cases: devices publish their public keys, others list them and claim prekey
 * bundles (rate-limited per claimer), and a user's contacts hear of devices coming and going.
 */
public final class DeviceDirectory implements RegisterDevice, UploadPreKeys, RemoveDevice, ListDevices, ClaimPreKeys {
    private static final Duration CLAIM_WINDOW = Duration.ofMinutes(Limits.CLAIM_WINDOW_MINUTES);

    private final Users users;
    private final Devices devices;
    private final Conversations conversations;
    private final AttemptWindows attempts;
    private final EventBus events;
    private final Clock clock;

    public DeviceDirectory(
            Users users,
            Devices devices,
            Conversations conversations,
            AttemptWindows attempts,
            EventBus events,
            Clock clock) {
        this.users = users;
        this.devices = devices;
        this.conversations = conversations;
        this.attempts = attempts;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public Outcome<Device> register(RegisterDevice.Command command) {
        var problem = KeyRules.device(command);
        if (problem.isPresent()) {
            return Outcome.invalid(problem.get());
        }
        var device = new Device(
                command.deviceId(),
                command.userId(),
                command.name().strip(),
                command.identityKey(),
                command.signedPreKey(),
                clock.now().truncatedTo(ChronoUnit.MILLIS));
        var outcome = devices.register(
                device, command.oneTimePreKeys(), Limits.DEVICES_PER_USER_MAX, Limits.PREKEYS_STORED_MAX);
        if (outcome instanceof Devices.RegisterOutcome.Stored stored) {
            if (stored.changed()) {
                announce(command.userId(), command.deviceId(), true);
            }
            return Outcome.ok(stored.device());
        }
        if (outcome instanceof Devices.RegisterOutcome.PreKeyLimitReached limit) {
            return tooManyPreKeys(limit.remaining());
        }
        if (outcome instanceof Devices.RegisterOutcome.DeviceLimitReached) {
            return Outcome.fail(
                    ErrorCode.CONFLICT,
                    "a user has at most " + Limits.DEVICES_PER_USER_MAX + " devices; remove one first");
        }
        return Outcome.fail(ErrorCode.CONFLICT, "this deviceId is taken; choose another");
    }

    @Override
    public Outcome<Integer> upload(UserId userId, DeviceId deviceId, List<OneTimePreKey> oneTimePreKeys) {
        var problem = KeyRules.oneTimePreKeys(oneTimePreKeys);
        if (problem.isPresent()) {
            return Outcome.invalid(problem.get());
        }
        var outcome = devices.addPreKeys(userId, deviceId, oneTimePreKeys, Limits.PREKEYS_STORED_MAX);
        if (outcome instanceof Devices.UploadOutcome.Added added) {
            return Outcome.ok(added.remaining());
        }
        if (outcome instanceof Devices.UploadOutcome.LimitReached limit) {
            return tooManyPreKeys(limit.remaining());
        }
        return Outcome.notFound("device");
    }

    @Override
    public Outcome<Done> remove(UserId userId, DeviceId deviceId) {
        if (!devices.remove(userId, deviceId)) {
            return Outcome.notFound("device");
        }
        announce(userId, deviceId, false);
        return Outcome.ok(Done.DONE);
    }

    @Override
    public Outcome<List<Device>> list(UserId viewerId, UserId ownerId) {
        if (users.findById(ownerId).isEmpty()) {
            return Outcome.notFound("user");
        }
        return Outcome.ok(devices.ofUser(ownerId));
    }

    @Override
    public Outcome<DeviceId> own(UserId userId, String deviceId) {
        if (!KeyRules.deviceId(deviceId)) {
            return Outcome.invalid("deviceId must be 1 to 64 characters of [A-Za-z0-9_-]");
        }
        var id = DeviceId.of(deviceId);
        return devices.find(id)
                .filter(device -> device.userId().equals(userId))
                .<Outcome<DeviceId>>map(device -> Outcome.ok(id))
                .orElseGet(() -> Outcome.notFound("device"));
    }

    @Override
    public Outcome<PreKeyBundle> claim(UserId claimerId, UserId ownerId, DeviceId deviceId) {
        if (users.findById(ownerId).isEmpty()
                || devices.find(deviceId)
                        .filter(device -> device.userId().equals(ownerId))
                        .isEmpty()) {
            return Outcome.notFound("device");
        }
        var overall = attempts.count("prekey-claims:" + claimerId.value(), CLAIM_WINDOW);
        var ofDevice = attempts.count("prekey-claims:" + claimerId.value() + ":" + deviceId.value(), CLAIM_WINDOW);
        if (overall.attempts() > Limits.CLAIMS_PER_WINDOW
                || ofDevice.attempts() > Limits.CLAIMS_PER_DEVICE_PER_WINDOW) {
            return Outcome.fail(ErrorCode.RATE_LIMITED, "too many prekey claims, retry later");
        }
        return devices.claim(ownerId, deviceId)
                .<Outcome<PreKeyBundle>>map(Outcome::ok)
                .orElseGet(() -> Outcome.notFound("device"));
    }

    private static <T> Outcome<T> tooManyPreKeys(int remaining) {
        return Outcome.fail(
                ErrorCode.CONFLICT,
                "a device holds at most " + Limits.PREKEYS_STORED_MAX + " one-time prekeys; it holds " + remaining);
    }

    /** Tells the user's own sockets and everyone who shares a conversation with them. */
    private void announce(UserId userId, DeviceId deviceId, boolean added) {
        var audience = new HashSet<>(conversations.contactsOf(userId));
        audience.add(userId);
        events.publish(new DomainEvent.DeviceChanged(userId, deviceId, added, audience));
    }
}
