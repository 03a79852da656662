package io.messaging.core.model;

import java.util.Objects;
import java.util.Optional;

/** What a claim hands out: the device's keys and, while it has any, one of its one-time prekeys (then deleted). */
public record PreKeyBundle(Device device, Optional<OneTimePreKey> oneTimePreKey) {
    public PreKeyBundle {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(oneTimePreKey, "oneTimePreKey");
    }
}
