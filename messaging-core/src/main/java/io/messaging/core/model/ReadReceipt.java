package io.messaging.core.model;

import java.time.Instant;
import java.util.Objects;

/** That a user read a message, and when. */
public record ReadReceipt(UserId userId, Instant readAt) {
    public ReadReceipt {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(readAt, "readAt");
    }
}
