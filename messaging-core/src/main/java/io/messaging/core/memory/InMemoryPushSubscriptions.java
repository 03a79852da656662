package io.messaging.core.memory;

import io.messaging.core.model.PushSubscription;
import io.messaging.core.model.PushSubscriptionId;
import io.messaging.core.model.UserId;
import io.messaging.core.port.out.PushSubscriptions;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Web Push subscriptions in memory; one lock keeps the endpoint's uniqueness and the per-user limit exact. */
final class InMemoryPushSubscriptions implements PushSubscriptions {
    private final Map<PushSubscriptionId, PushSubscription> byId = new LinkedHashMap<>();

    @Override
    public synchronized SubscribeOutcome subscribe(PushSubscription candidate, int maxPerUser) {
        var holder = byId.values().stream()
                .filter(s -> s.endpoint().equals(candidate.endpoint()))
                .findFirst();
        if (holder.isPresent() && holder.get().userId().equals(candidate.userId())) {
            var renewed = holder.get().withKeysOf(candidate);
            byId.put(renewed.id(), renewed);
            return new SubscribeOutcome.Existing(renewed);
        }
        long held = byId.values().stream()
                .filter(s -> s.userId().equals(candidate.userId()))
                .count();
        if (held >= maxPerUser) {
            return new SubscribeOutcome.LimitReached();
        }
        holder.ifPresent(other -> byId.remove(other.id()));
        byId.put(candidate.id(), candidate);
        return new SubscribeOutcome.Added(candidate);
    }

    @Override
    public synchronized List<PushSubscription> ofUser(UserId userId) {
        return byId.values().stream()
                .filter(s -> s.userId().equals(userId))
                .sorted(Comparator.comparing(PushSubscription::createdAt))
                .toList();
    }

    @Override
    public synchronized List<PushSubscription> ofUsers(Collection<UserId> userIds) {
        var wanted = new HashSet<>(userIds);
        return byId.values().stream().filter(s -> wanted.contains(s.userId())).toList();
    }

    @Override
    public synchronized Optional<PushSubscription> find(PushSubscriptionId id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public synchronized boolean remove(PushSubscriptionId id) {
        return byId.remove(id) != null;
    }
}
