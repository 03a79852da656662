package io.messaging.core.service;

import static io.messaging.core.service.CoreFixture.assertFailure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.messaging.core.model.DeviceId;
import io.messaging.core.model.DomainEvent;
import io.messaging.core.model.ErrorCode;
import io.messaging.core.model.OneTimePreKey;
import io.messaging.core.model.SignedPreKey;
import io.messaging.core.model.UserId;
import io.messaging.core.port.in.Limits;
import io.messaging.core.port.in.RegisterDevice;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The device key directory's rules: shapes and limits of keys, the claim rate limit, and who hears of devices. */
class DeviceDirectoryTest {
    private final CoreFixture fixture = new CoreFixture();
    private final UserId alice = fixture.user("alice");
    private final UserId bob = fixture.user("bob");

    private static List<OneTimePreKey> keys(int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> new OneTimePreKey(i, "b3Rr" + i))
                .toList();
    }

    private static RegisterDevice.Command device(UserId owner, String id, String identityKey, int preKeys) {
        return new RegisterDevice.Command(
                owner, DeviceId.of(id), "Phone", identityKey, new SignedPreKey(1, "c3Br", "c2ln"), keys(preKeys));
    }

    @Test
    void keysMustBeBase64UrlOfBoundedLengthAndUploadsAreBounded() {
        var register = fixture.core.registerDevice();
        assertTrue(register.register(device(alice, "a1", "aWs", 0)).isOk());
        assertFailure(ErrorCode.VALIDATION_FAILED, register.register(device(alice, "a2", "not base64!", 0)));
        assertFailure(ErrorCode.VALIDATION_FAILED, register.register(device(alice, "a2", "A".repeat(257), 0)));
        assertFailure(
                ErrorCode.VALIDATION_FAILED,
                register.register(device(alice, "a2", "aWs", Limits.PREKEYS_PER_UPLOAD_MAX + 1)));
        var twice = List.of(new OneTimePreKey(5, "b3Rr"), new OneTimePreKey(5, "b3Rs"));
        assertFailure(
                ErrorCode.VALIDATION_FAILED, fixture.core.uploadPreKeys().upload(alice, DeviceId.of("a1"), twice));
        var negative = new RegisterDevice.Command(
                alice, DeviceId.of("a2"), "Phone", "aWs", new SignedPreKey(-1, "c3Br", "c2ln"), List.of());
        assertFailure(ErrorCode.VALIDATION_FAILED, register.register(negative));
        assertFailure(ErrorCode.NOT_FOUND, fixture.core.uploadPreKeys().upload(bob, DeviceId.of("a1"), keys(1)));
    }

    @Test
    void aUserHasAtMostTenDevicesAndADeviceAtMostFiveHundredPreKeys() {
        var register = fixture.core.registerDevice();
        for (int i = 0; i < Limits.DEVICES_PER_USER_MAX; i++) {
            assertTrue(register.register(device(alice, "a" + i, "aWs" + i, 0)).isOk());
        }
        assertFailure(ErrorCode.CONFLICT, register.register(device(alice, "one-more", "aWs", 0)));
        assertFailure(ErrorCode.CONFLICT, register.register(device(bob, "a0", "aWs", 0)));

        var upload = fixture.core.uploadPreKeys();
        for (int batch = 0; batch < 5; batch++) {
            int from = batch * 100;
            var hundred = IntStream.range(from, from + 100)
                    .mapToObj(i -> new OneTimePreKey(i, "b3Rr"))
                    .toList();
            assertEquals(
                    from + 100, upload.upload(alice, DeviceId.of("a0"), hundred).orElseThrow());
        }
        assertFailure(
                ErrorCode.CONFLICT, upload.upload(alice, DeviceId.of("a0"), List.of(new OneTimePreKey(999, "eA"))));
        assertEquals(500, upload.upload(alice, DeviceId.of("a0"), List.of()).orElseThrow());
    }

    @Test
    void claimsAreRateLimitedPerClaimerAndDevice() {
        fixture.core.registerDevice().register(device(bob, "b1", "aWs", 50)).orElseThrow();
        var claim = fixture.core.claimPreKeys();
        for (int i = 0; i < Limits.CLAIMS_PER_DEVICE_PER_WINDOW; i++) {
            assertTrue(claim.claim(alice, bob, DeviceId.of("b1"))
                    .orElseThrow()
                    .oneTimePreKey()
                    .isPresent());
        }
        assertFailure(ErrorCode.RATE_LIMITED, claim.claim(alice, bob, DeviceId.of("b1")));
        var carol = fixture.user("carol");
        assertTrue(claim.claim(carol, bob, DeviceId.of("b1")).isOk());
        assertFailure(ErrorCode.NOT_FOUND, claim.claim(carol, alice, DeviceId.of("b1")));
        assertFailure(ErrorCode.NOT_FOUND, claim.claim(carol, UserId.of("nobody"), DeviceId.of("b1")));
    }

    @Test
    void contactsAndTheUserHearOfADeviceComingAndGoingOthersNot() {
        var carol = fixture.user("carol");
        fixture.sendTo(alice, bob, "hi");
        fixture.events.clear();
        fixture.core.registerDevice().register(device(bob, "b1", "aWs", 0)).orElseThrow();
        fixture.core.registerDevice().register(device(bob, "b1", "aWs", 3)).orElseThrow();
        fixture.core.registerDevice().register(device(bob, "b1", "bmV3", 0)).orElseThrow();
        fixture.core.removeDevice().remove(bob, DeviceId.of("b1")).orElseThrow();
        assertFailure(ErrorCode.NOT_FOUND, fixture.core.removeDevice().remove(bob, DeviceId.of("b1")));

        var audience = Set.of(alice, bob);
        assertEquals(
                List.of(
                        new DomainEvent.DeviceChanged(bob, DeviceId.of("b1"), true, audience),
                        new DomainEvent.DeviceChanged(bob, DeviceId.of("b1"), true, audience),
                        new DomainEvent.DeviceChanged(bob, DeviceId.of("b1"), false, audience)),
                fixture.events);
        assertTrue(fixture.core.listDevices().list(carol, bob).orElseThrow().isEmpty());
        assertFailure(ErrorCode.NOT_FOUND, fixture.core.listDevices().list(carol, UserId.of("nobody")));
    }
}
