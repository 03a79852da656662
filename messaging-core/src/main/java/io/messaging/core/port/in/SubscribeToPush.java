package io.messaging.core.port.in;

import io.messaging.core.model.Outcome;
import io.messaging.core.model.PushSubscription;
import io.messaging.core.model.UserId;
import java.util.Objects;
import java.util.Optional;

/** Registers a browser's Web Push subscription for the caller, and tells browsers the key to subscribe with. */
public interface SubscribeToPush {

    /** A browser's {@code PushSubscription}: its endpoint URL and its {@code p256dh} and {@code auth} keys. */
    record Command(UserId userId, String endpoint, String p256dh, String auth) {
        public Command {
            Objects.requireNonNull(userId, "userId");
            Objects.requireNonNull(endpoint, "endpoint");
            Objects.requireNonNull(p256dh, "p256dh");
            Objects.requireNonNull(auth, "auth");
        }
    }

    /** The stored subscription; {@code created} is false when the caller already had this endpoint. */
    record Subscribed(PushSubscription subscription, boolean created) {}

    /**
     * Stores the subscription. Failures: {@code unavailable} when push is not configured; {@code validation_failed}
     * for a malformed endpoint or keys, or an endpoint that would not be reached (not {@code https://} to a public
     * address, unless insecure endpoints are allowed); {@code conflict} when the caller already has the most
     * subscriptions allowed. Idempotent per endpoint.
     */
    Outcome<Subscribed> subscribe(Command command);

    /** The VAPID public key browsers subscribe with (base64url, uncompressed P-256), or empty when push is off. */
    Optional<String> applicationServerKey();
}
