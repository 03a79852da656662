package io.messaging.core.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** A registered person as others may see them (never their credentials). */
public record User(
        UserId id,
        String username,
        String email,
        String displayName,
        boolean active,
        Instant createdAt,
        Optional<Instant> lastSeenAt) {
    public User {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(lastSeenAt, "lastSeenAt");
    }

    /** This user, activated. */
    public User activated() {
        return new User(id, username, email, displayName, true, createdAt, lastSeenAt);
    }

    /** This user, last seen at the given instant. */
    public User seenAt(Instant instant) {
        return new User(id, username, email, displayName, active, createdAt, Optional.of(instant));
    }
}
