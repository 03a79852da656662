package io.messaging.core.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.messaging.core.model.Device;
import io.messaging.core.model.DeviceId;
import io.messaging.core.model.OneTimePreKey;
import io.messaging.core.model.PreKeyBundle;
import io.messaging.core.model.SignedPreKey;
import io.messaging.core.model.UserId;
import io.messaging.core.port.out.Devices;
import io.messaging.core.port.out.Devices.RegisterOutcome;
import io.messaging.core.port.out.Devices.UploadOutcome;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The contract of {@link Devices}, the device key directory, run against every store adapter. */
public abstract class AbstractDevicesContractTest extends StoreContract {
    private static final int MAX_DEVICES = 3;
    private static final int MAX_PREKEYS = 200;

    protected AbstractDevicesContractTest(StoreAdapter adapter) {
        super(adapter);
    }

    private Devices devices() {
        return stores.devices();
    }

    private static Device device(UserId owner, String id, String identity, int secondsAfterStart) {
        return new Device(
                DeviceId.of(id),
                owner,
                "Phone " + id,
                identity,
                new SignedPreKey(7, "spk-" + id, "sig-" + id),
                T0.plusSeconds(secondsAfterStart));
    }

    private static List<OneTimePreKey> keys(int from, int count) {
        return IntStream.range(from, from + count)
                .mapToObj(i -> new OneTimePreKey(i, "otk-" + i))
                .toList();
    }

    private Device registered(UserId owner, String identity, int preKeys) {
        var device = device(owner, uniqueId("d"), identity, 0);
        var outcome = devices().register(device, keys(1, preKeys), MAX_DEVICES, MAX_PREKEYS);
        assertEquals(new RegisterOutcome.Stored(device, true, preKeys), outcome);
        return device;
    }

    @Test
    void aDeviceIsStoredFoundAndListedOldestFirst() {
        var alice = user("alice");
        var later = device(alice, uniqueId("d"), "ik-later", 20);
        var earlier = device(alice, uniqueId("d"), "ik-earlier", 10);

        assertEquals(
                new RegisterOutcome.Stored(later, true, 2),
                devices().register(later, keys(1, 2), MAX_DEVICES, MAX_PREKEYS));
        assertEquals(
                new RegisterOutcome.Stored(earlier, true, 0),
                devices().register(earlier, List.of(), MAX_DEVICES, MAX_PREKEYS));

        assertEquals(List.of(earlier, later), devices().ofUser(alice));
        assertEquals(Optional.of(later), devices().find(later.deviceId()));
        assertEquals(2, devices().remaining(later.deviceId()));
        assertEquals(List.of(), devices().ofUser(user("bob")));
        assertEquals(Optional.empty(), devices().find(DeviceId.of("unknown")));
        assertEquals(0, devices().remaining(DeviceId.of("unknown")));
    }

    @Test
    void renewingWithTheSameIdentityKeepsItsCreationAndPreKeys() {
        var alice = user("alice");
        var device = registered(alice, "ik", 3);
        var renewed = new Device(
                device.deviceId(),
                alice,
                "Renamed",
                "ik",
                new SignedPreKey(8, "spk-new", "sig-new"),
                T0.plusSeconds(99));

        var outcome = devices().register(renewed, keys(3, 2), MAX_DEVICES, MAX_PREKEYS);

        var expected = new Device(device.deviceId(), alice, "Renamed", "ik", renewed.signedPreKey(), T0);
        assertEquals(new RegisterOutcome.Stored(expected, false, 4), outcome);
        assertEquals(Optional.of(expected), devices().find(device.deviceId()));
        assertEquals(4, devices().remaining(device.deviceId()));
    }

    @Test
    void aNewIdentityKeyMakesANewDeviceAndDropsTheOldPreKeys() {
        var alice = user("alice");
        var device = registered(alice, "ik-old", 5);
        var replaced = device(alice, device.deviceId().value(), "ik-new", 50);

        assertEquals(
                new RegisterOutcome.Stored(replaced, true, 1),
                devices().register(replaced, keys(100, 1), MAX_DEVICES, MAX_PREKEYS));

        var claimed = devices().claim(alice, device.deviceId()).orElseThrow();
        assertEquals(Optional.of(new OneTimePreKey(100, "otk-100")), claimed.oneTimePreKey());
        assertEquals(replaced, claimed.device());
    }

    @Test
    void aUserHoldsAtMostTheDeviceLimitButMayRenewOnesHeHolds() {
        var alice = user("alice");
        var first = registered(alice, "ik-1", 0);
        registered(alice, "ik-2", 0);
        registered(alice, "ik-3", 0);

        var fourth = device(alice, uniqueId("d"), "ik-4", 0);
        assertInstanceOf(
                RegisterOutcome.DeviceLimitReached.class,
                devices().register(fourth, List.of(), MAX_DEVICES, MAX_PREKEYS));
        assertEquals(Optional.empty(), devices().find(fourth.deviceId()));
        assertInstanceOf(RegisterOutcome.Stored.class, devices().register(first, keys(1, 1), MAX_DEVICES, MAX_PREKEYS));
        assertEquals(3, devices().ofUser(alice).size());
    }

    @Test
    void aDeviceIdHeldByAnotherUserIsNotTaken() {
        var alice = user("alice");
        var bob = user("bob");
        var device = registered(alice, "ik", 2);

        var squatter = device(bob, device.deviceId().value(), "ik-bob", 0);
        assertInstanceOf(
                RegisterOutcome.TakenByAnotherUser.class,
                devices().register(squatter, keys(1, 1), MAX_DEVICES, MAX_PREKEYS));
        assertEquals(Optional.of(device), devices().find(device.deviceId()));
        assertInstanceOf(
                UploadOutcome.NoSuchDevice.class, devices().addPreKeys(bob, device.deviceId(), keys(9, 1), 50));
        assertEquals(Optional.empty(), devices().claim(bob, device.deviceId()));
        assertFalse(devices().remove(bob, device.deviceId()));
        assertEquals(2, devices().remaining(device.deviceId()));
    }

    @Test
    void uploadsAddKeysReplaceSameIdsAndStopAtTheLimitChangingNothing() {
        var alice = user("alice");
        var device = registered(alice, "ik", 3);

        assertEquals(new UploadOutcome.Added(5), devices().addPreKeys(alice, device.deviceId(), keys(3, 3), 6));
        assertEquals(new UploadOutcome.LimitReached(5), devices().addPreKeys(alice, device.deviceId(), keys(10, 2), 6));
        assertEquals(5, devices().remaining(device.deviceId()));
        var overfull = device(alice, device.deviceId().value(), "ik", 0);
        assertEquals(
                new RegisterOutcome.PreKeyLimitReached(5), devices().register(overfull, keys(20, 2), MAX_DEVICES, 6));
        assertEquals(5, devices().remaining(device.deviceId()));
        assertInstanceOf(
                UploadOutcome.NoSuchDevice.class, devices().addPreKeys(alice, DeviceId.of("unknown"), keys(1, 1), 6));
    }

    @Test
    void eachClaimHandsOutADifferentKeyWhichIsDeletedThenNone() {
        var alice = user("alice");
        var device = registered(alice, "ik", 3);

        var handedOut = new HashSet<Long>();
        for (int i = 0; i < 3; i++) {
            PreKeyBundle bundle = devices().claim(alice, device.deviceId()).orElseThrow();
            assertEquals(device, bundle.device());
            long keyId = bundle.oneTimePreKey().orElseThrow().keyId();
            assertEquals("otk-" + keyId, bundle.oneTimePreKey().get().publicKey());
            assertTrue(handedOut.add(keyId), "key " + keyId + " handed out twice");
            assertEquals(2 - i, devices().remaining(device.deviceId()));
        }
        assertEquals(
                Optional.of(new PreKeyBundle(device, Optional.empty())),
                devices().claim(alice, device.deviceId()));
        assertEquals(Optional.empty(), devices().claim(alice, DeviceId.of("unknown")));
    }

    @Test
    void concurrentClaimsHandOutEveryKeyOnceAndLoseNone() throws Exception {
        var alice = user("alice");
        int preKeys = 120;
        int claims = 180;
        var device = registered(alice, "ik", preKeys);
        var start = new CountDownLatch(1);
        var handedOut = new ConcurrentLinkedQueue<Long>();
        var empty = new ConcurrentLinkedQueue<Boolean>();
        var pool = Executors.newFixedThreadPool(12);
        try {
            var futures = new ArrayList<Future<?>>();
            for (int i = 0; i < claims; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    var bundle = devices().claim(alice, device.deviceId()).orElseThrow();
                    bundle.oneTimePreKey().ifPresentOrElse(key -> handedOut.add(key.keyId()), () -> empty.add(true));
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : futures) {
                future.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        var distinct = new HashSet<>(handedOut);
        assertEquals(handedOut.size(), distinct.size(), "a key was handed out twice");
        assertEquals(preKeys, distinct.size(), "every key was handed out");
        assertEquals(claims - preKeys, empty.size());
        assertEquals(0, devices().remaining(device.deviceId()));
        var sorted = new ArrayList<>(distinct);
        Collections.sort(sorted);
        assertEquals(IntStream.rangeClosed(1, preKeys).mapToObj(i -> (long) i).toList(), sorted);
    }

    @Test
    void removingADeviceDropsItAndItsKeys() {
        var alice = user("alice");
        var device = registered(alice, "ik", 4);
        var other = registered(alice, "ik-2", 1);

        assertTrue(devices().remove(alice, device.deviceId()));
        assertFalse(devices().remove(alice, device.deviceId()));
        assertEquals(Optional.empty(), devices().find(device.deviceId()));
        assertEquals(0, devices().remaining(device.deviceId()));
        assertEquals(Optional.empty(), devices().claim(alice, device.deviceId()));
        assertEquals(List.of(other), devices().ofUser(alice));

        var again = device(alice, device.deviceId().value(), "ik", 0);
        assertEquals(
                new RegisterOutcome.Stored(again, true, 0),
                devices().register(again, List.of(), MAX_DEVICES, MAX_PREKEYS));
    }
}
