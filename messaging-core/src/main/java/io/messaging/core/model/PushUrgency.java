package io.messaging.core.model;

import java.util.Locale;

/** How urgent a push is for the push service and the device's battery (RFC 8030, section 5.3). */
public enum PushUrgency {
    VERY_LOW,
    LOW,
    NORMAL,
    HIGH;

    /** The value of the {@code Urgency} header: {@code very-low}, {@code low}, {@code normal} or {@code high}. */
    public String headerValue() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
