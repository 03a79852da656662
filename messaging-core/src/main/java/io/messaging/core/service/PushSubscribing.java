package io.messaging.core.service;

import io.messaging.core.model.Done;
import io.messaging.core.model.ErrorCode;
import io.messaging.core.model.Outcome;
import io.messaging.core.model.PushSubscription;
import io.messaging.core.model.PushSubscriptionId;
import io.messaging.core.model.UserId;
import io.messaging.core.port.in.ListPushSubscriptions;
import io.messaging.core.port.in.SubscribeToPush;
import io.messaging.core.port.in.UnsubscribeFromPush;
import io.messaging.core.port.out.Clock;
import io.messaging.core.port.out.IdGenerator;
import io.messaging.core.port.out.PushSender;
import io.messaging.core.port.out.PushSubscriptions;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/** Keeps the users' Web Push subscriptions: validates what browsers send, and refuses endpoints it would not reach. */
public final class PushSubscribing implements SubscribeToPush, ListPushSubscriptions, UnsubscribeFromPush {
    /** Push services' endpoints are a few hundred characters; anything much longer is not one. */
    static final int ENDPOINT_MAX = 2048;

    private static final int P256DH_BYTES = 65;
    private static final int AUTH_BYTES = 16;

    private final Optional<PushSender> sender;
    private final PushSubscriptions subscriptions;
    private final PushSettings settings;
    private final Clock clock;
    private final IdGenerator ids;

    public PushSubscribing(
            Optional<PushSender> sender,
            PushSubscriptions subscriptions,
            PushSettings settings,
            Clock clock,
            IdGenerator ids) {
        this.sender = sender;
        this.subscriptions = subscriptions;
        this.settings = settings;
        this.clock = clock;
        this.ids = ids;
    }

    @Override
    public Optional<String> applicationServerKey() {
        return sender.map(PushSender::applicationServerKey);
    }

    @Override
    public Outcome<Subscribed> subscribe(Command command) {
        if (sender.isEmpty()) {
            return disabled();
        }
        Optional<String> invalid = invalidEndpoint(command.endpoint())
                .or(() -> invalidKey(command.p256dh(), "keys.p256dh", P256DH_BYTES))
                .or(() -> invalidKey(command.auth(), "keys.auth", AUTH_BYTES))
                .or(() -> sender.get().refusal(command.endpoint()).map(reason -> "endpoint is refused: " + reason));
        if (invalid.isPresent()) {
            return Outcome.invalid(invalid.get());
        }
        var candidate = new PushSubscription(
                PushSubscriptionId.of(ids.newId()),
                command.userId(),
                command.endpoint(),
                command.p256dh(),
                command.auth(),
                clock.now());
        var outcome = subscriptions.subscribe(candidate, settings.maxSubscriptionsPerUser());
        if (outcome instanceof PushSubscriptions.SubscribeOutcome.Added added) {
            return Outcome.ok(new Subscribed(added.subscription(), true));
        }
        if (outcome instanceof PushSubscriptions.SubscribeOutcome.Existing existing) {
            return Outcome.ok(new Subscribed(existing.subscription(), false));
        }
        return Outcome.fail(
                ErrorCode.CONFLICT, "at most " + settings.maxSubscriptionsPerUser() + " push subscriptions per user");
    }

    @Override
    public Outcome<List<PushSubscription>> list(UserId userId) {
        return sender.isEmpty() ? disabled() : Outcome.ok(subscriptions.ofUser(userId));
    }

    @Override
    public Outcome<Done> unsubscribe(UserId userId, PushSubscriptionId id) {
        if (sender.isEmpty()) {
            return disabled();
        }
        boolean own = subscriptions
                .find(id)
                .filter(subscription -> subscription.userId().equals(userId))
                .isPresent();
        if (!own || !subscriptions.remove(id)) {
            return Outcome.notFound("push subscription");
        }
        return Outcome.ok(Done.DONE);
    }

    private static <T> Outcome<T> disabled() {
        return Outcome.fail(ErrorCode.UNAVAILABLE, "push notifications are not configured on this server");
    }

    private static Optional<String> invalidEndpoint(String endpoint) {
        if (endpoint.isEmpty() || endpoint.length() > ENDPOINT_MAX) {
            return Optional.of("endpoint must be a URL of 1 to " + ENDPOINT_MAX + " characters");
        }
        try {
            URI uri = new URI(endpoint);
            boolean web = "https".equals(uri.getScheme()) || "http".equals(uri.getScheme());
            if (!web || uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
                return Optional.of("endpoint must be an https:// URL without credentials or fragment");
            }
            return Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.of("endpoint must be a URL");
        }
    }

    private static Optional<String> invalidKey(String value, String field, int bytes) {
        try {
            byte[] decoded = Base64.getUrlDecoder().decode(value);
            boolean pointShape = bytes != P256DH_BYTES || (decoded.length > 0 && decoded[0] == 4);
            if (decoded.length == bytes && pointShape) {
                return Optional.empty();
            }
        } catch (IllegalArgumentException e) {
            // reported below like a key of the wrong size
        }
        return Optional.of(field + " must be base64url of " + bytes + " bytes"
                + (bytes == P256DH_BYTES ? " (an uncompressed P-256 point)" : ""));
    }
}
