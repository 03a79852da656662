package io.messaging.core.model;

import java.util.Locale;
import java.util.Optional;

/** Where a scheduled message is in its life: waiting, sent, failed at its time, or cancelled by its author. */
public enum ScheduledStatus {
    SCHEDULED,
    SENT,
    FAILED,
    CANCELLED;

    /** The lower-case name used on the wire. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The status with this wire name, if any. */
    public static Optional<ScheduledStatus> fromWire(String name) {
        for (ScheduledStatus status : values()) {
            if (status.wireName().equals(name)) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }
}
