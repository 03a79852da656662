package io.messaging.core.memory;

import io.messaging.core.model.Device;
import io.messaging.core.model.DeviceId;
import io.messaging.core.model.OneTimePreKey;
import io.messaging.core.model.PreKeyBundle;
import io.messaging.core.model.UserId;
import io.messaging.core.port.out.Devices;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The device key directory in memory; one lock makes every call, a claim above all, atomic. */
final class InMemoryDevices implements Devices {
    private final Map<DeviceId, Device> devices = new HashMap<>();
    /** Each device's one-time prekeys by key id, lowest first (the order claims hand them out in). */
    private final Map<DeviceId, TreeMap<Long, OneTimePreKey>> preKeys = new HashMap<>();

    @Override
    public synchronized RegisterOutcome register(
            Device device, List<OneTimePreKey> oneTimePreKeys, int maxDevices, int maxPreKeys) {
        Device existing = devices.get(device.deviceId());
        if (existing != null && !existing.userId().equals(device.userId())) {
            return new RegisterOutcome.TakenByAnotherUser();
        }
        if (existing == null && ofUser(device.userId()).size() >= maxDevices) {
            return new RegisterOutcome.DeviceLimitReached();
        }
        boolean sameIdentity = device.renews(Optional.ofNullable(existing));
        var kept = new TreeMap<Long, OneTimePreKey>(
                sameIdentity ? preKeys.getOrDefault(device.deviceId(), new TreeMap<>()) : Map.of());
        oneTimePreKeys.forEach(key -> kept.put(key.keyId(), key));
        if (kept.size() > maxPreKeys) {
            return new RegisterOutcome.PreKeyLimitReached(remaining(device.deviceId()));
        }
        Device stored = device.storedOver(Optional.ofNullable(existing));
        devices.put(stored.deviceId(), stored);
        preKeys.put(stored.deviceId(), kept);
        return new RegisterOutcome.Stored(stored, !sameIdentity, kept.size());
    }

    @Override
    public synchronized UploadOutcome addPreKeys(
            UserId userId, DeviceId deviceId, List<OneTimePreKey> oneTimePreKeys, int maxPreKeys) {
        if (!owns(userId, deviceId)) {
            return new UploadOutcome.NoSuchDevice();
        }
        var kept = new TreeMap<>(preKeys.get(deviceId));
        oneTimePreKeys.forEach(key -> kept.put(key.keyId(), key));
        if (kept.size() > maxPreKeys) {
            return new UploadOutcome.LimitReached(remaining(deviceId));
        }
        preKeys.put(deviceId, kept);
        return new UploadOutcome.Added(kept.size());
    }

    @Override
    public synchronized Optional<Device> find(DeviceId deviceId) {
        return Optional.ofNullable(devices.get(deviceId));
    }

    @Override
    public synchronized List<Device> ofUser(UserId userId) {
        return devices.values().stream()
                .filter(device -> device.userId().equals(userId))
                .sorted(Comparator.comparing(Device::createdAt)
                        .thenComparing(device -> device.deviceId().value()))
                .toList();
    }

    @Override
    public synchronized Optional<PreKeyBundle> claim(UserId userId, DeviceId deviceId) {
        if (!owns(userId, deviceId)) {
            return Optional.empty();
        }
        var entry = preKeys.get(deviceId).pollFirstEntry();
        return Optional.of(new PreKeyBundle(
                devices.get(deviceId), Optional.ofNullable(entry).map(Map.Entry::getValue)));
    }

    @Override
    public synchronized int remaining(DeviceId deviceId) {
        return preKeys.getOrDefault(deviceId, new TreeMap<>()).size();
    }

    @Override
    public synchronized boolean remove(UserId userId, DeviceId deviceId) {
        if (!owns(userId, deviceId)) {
            return false;
        }
        devices.remove(deviceId);
        preKeys.remove(deviceId);
        return true;
    }

    private boolean owns(UserId userId, DeviceId deviceId) {
        Device device = devices.get(deviceId);
        return device != null && device.userId().equals(userId);
    }
}
