package io.messaging.mongo;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.messaging.core.model.PushSubscription;
import io.messaging.core.model.PushSubscriptionId;
import io.messaging.core.model.UserId;
import io.messaging.core.port.out.PushSubscriptions;
import io.messaging.core.port.out.StoreException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;

/** Web Push subscriptions on MongoDB; a unique index keeps an endpoint to one subscription. */
final class MongoPushSubscriptions implements PushSubscriptions {
    static final String ENDPOINT_INDEX = "push_subscriptions_by_endpoint";
    private static final int ATTEMPTS = 3;
    private final MongoCollection<Document> subscriptions;

    MongoPushSubscriptions(MongoCollection<Document> subscriptions) {
        this.subscriptions = subscriptions;
    }

    @Override
    public SubscribeOutcome subscribe(PushSubscription candidate, int maxPerUser) {
        for (int attempt = 1; ; attempt++) {
            try {
                return Guard.call("subscribe to push", () -> trySubscribe(candidate, maxPerUser));
            } catch (StoreException e) {
                boolean raced =
                        e.getCause() instanceof MongoException cause && Guard.isDuplicateOn(cause, ENDPOINT_INDEX);
                if (!raced || attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private SubscribeOutcome trySubscribe(PushSubscription candidate, int maxPerUser) {
        Optional<PushSubscription> holder = first(eq("endpoint", candidate.endpoint()));
        if (holder.isPresent() && holder.get().userId().equals(candidate.userId())) {
            var renewed = holder.get().withKeysOf(candidate);
            subscriptions.updateOne(
                    eq("_id", renewed.id().value()),
                    Updates.combine(Updates.set("p256dh", renewed.p256dh()), Updates.set("auth", renewed.auth())));
            return new SubscribeOutcome.Existing(renewed);
        }
        if (subscriptions.countDocuments(eq("userId", candidate.userId().value())) >= maxPerUser) {
            return new SubscribeOutcome.LimitReached();
        }
        holder.ifPresent(other -> subscriptions.deleteOne(eq("_id", other.id().value())));
        subscriptions.insertOne(new Document("_id", candidate.id().value())
                .append("userId", candidate.userId().value())
                .append("endpoint", candidate.endpoint())
                .append("p256dh", candidate.p256dh())
                .append("auth", candidate.auth())
                .append("createdAt", Docs.date(candidate.createdAt())));
        return new SubscribeOutcome.Added(candidate);
    }

    @Override
    public List<PushSubscription> ofUser(UserId userId) {
        return Guard.call(
                "list push subscriptions",
                () -> all(eq("userId", userId.value()), Sorts.ascending("createdAt", "_id")));
    }

    @Override
    public List<PushSubscription> ofUsers(Collection<UserId> userIds) {
        if (userIds.isEmpty()) {
            return List.of();
        }
        return Guard.call(
                "find push subscriptions",
                () -> all(in("userId", userIds.stream().map(UserId::value).toList()), Sorts.ascending("_id")));
    }

    @Override
    public Optional<PushSubscription> find(PushSubscriptionId id) {
        return Guard.call("find push subscription", () -> first(eq("_id", id.value())));
    }

    @Override
    public boolean remove(PushSubscriptionId id) {
        return Guard.call(
                "remove push subscription",
                () -> subscriptions.deleteOne(eq("_id", id.value())).getDeletedCount() > 0);
    }

    private Optional<PushSubscription> first(Bson filter) {
        return Optional.ofNullable(subscriptions.find(filter).first()).map(MongoPushSubscriptions::subscription);
    }

    private List<PushSubscription> all(Bson filter, Bson sort) {
        var found = new ArrayList<PushSubscription>();
        for (Document document : subscriptions.find(filter).sort(sort)) {
            found.add(subscription(document));
        }
        return List.copyOf(found);
    }

    private static PushSubscription subscription(Document document) {
        return new PushSubscription(
                PushSubscriptionId.of(document.getString("_id")),
                UserId.of(document.getString("userId")),
                document.getString("endpoint"),
                document.getString("p256dh"),
                document.getString("auth"),
                Docs.instant(document, "createdAt"));
    }
}
