package io.messaging.core.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.messaging.core.model.PushSubscription;
import io.messaging.core.model.PushSubscriptionId;
import io.messaging.core.model.UserId;
import io.messaging.core.port.out.PushSubscriptions;
import io.messaging.core.port.out.PushSubscriptions.SubscribeOutcome;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The contract of {@link PushSubscriptions}, run against every store adapter. */
public abstract class AbstractPushSubscriptionsContractTest extends StoreContract {

    protected AbstractPushSubscriptionsContractTest(StoreAdapter adapter) {
        super(adapter);
    }

    protected static PushSubscription subscription(UserId owner, String endpoint, int secondsAfterStart) {
        return new PushSubscription(
                PushSubscriptionId.of(uniqueId("p")),
                owner,
                endpoint,
                "BP256dh-of-" + endpoint.hashCode(),
                "auth-" + secondsAfterStart,
                T0.plusSeconds(secondsAfterStart));
    }

    private PushSubscriptions subscriptions() {
        return stores.pushSubscriptions();
    }

    @Test
    void aSubscriptionIsStoredFoundAndListedOldestFirst() {
        var alice = user("alice");
        var later = subscription(alice, "https://push.example.com/b", 20);
        var earlier = subscription(alice, "https://push.example.com/a", 10);

        assertEquals(new SubscribeOutcome.Added(later), subscriptions().subscribe(later, 20));
        assertEquals(new SubscribeOutcome.Added(earlier), subscriptions().subscribe(earlier, 20));

        assertEquals(List.of(earlier, later), subscriptions().ofUser(alice));
        assertEquals(Optional.of(later), subscriptions().find(later.id()));
        assertEquals(List.of(), subscriptions().ofUser(user("bob")));
        assertEquals(Optional.empty(), subscriptions().find(PushSubscriptionId.of("unknown")));
    }

    @Test
    void theSameEndpointAgainKeepsItsIdAndTakesTheNewKeys() {
        var alice = user("alice");
        var first = subscription(alice, "https://push.example.com/same", 10);
        subscriptions().subscribe(first, 20);
        var again = new PushSubscription(
                PushSubscriptionId.of(uniqueId("p")),
                alice,
                first.endpoint(),
                "BNewKey",
                "newAuth",
                T0.plusSeconds(99));

        var outcome = subscriptions().subscribe(again, 20);

        var renewed =
                new PushSubscription(first.id(), alice, first.endpoint(), "BNewKey", "newAuth", first.createdAt());
        assertEquals(new SubscribeOutcome.Existing(renewed), outcome);
        assertEquals(List.of(renewed), subscriptions().ofUser(alice));
    }

    @Test
    void anEndpointMovesToTheUserWhoSubscribedItLast() {
        var alice = user("alice");
        var bob = user("bob");
        var alices = subscription(alice, "https://push.example.com/shared-browser", 10);
        subscriptions().subscribe(alices, 20);
        var bobs = subscription(bob, alices.endpoint(), 20);

        assertEquals(new SubscribeOutcome.Added(bobs), subscriptions().subscribe(bobs, 20));

        assertEquals(List.of(), subscriptions().ofUser(alice));
        assertEquals(List.of(bobs), subscriptions().ofUser(bob));
        assertEquals(Optional.empty(), subscriptions().find(alices.id()));
    }

    @Test
    void aUserHoldsAtMostTheLimitButMayRenewOneAtTheLimit() {
        var alice = user("alice");
        var first = subscription(alice, "https://push.example.com/1", 1);
        subscriptions().subscribe(first, 2);
        subscriptions().subscribe(subscription(alice, "https://push.example.com/2", 2), 2);

        assertInstanceOf(
                SubscribeOutcome.LimitReached.class,
                subscriptions().subscribe(subscription(alice, "https://push.example.com/3", 3), 2));
        assertInstanceOf(
                SubscribeOutcome.Existing.class,
                subscriptions().subscribe(subscription(alice, first.endpoint(), 4), 2));
        assertEquals(2, subscriptions().ofUser(alice).size());
    }

    @Test
    void subscriptionsOfSeveralUsersAreFoundTogether() {
        var alice = user("alice");
        var bob = user("bob");
        var carol = user("carol");
        var a = subscription(alice, "https://push.example.com/a", 1);
        var b1 = subscription(bob, "https://push.example.com/b1", 2);
        var b2 = subscription(bob, "https://push.example.com/b2", 3);
        subscriptions().subscribe(a, 20);
        subscriptions().subscribe(b1, 20);
        subscriptions().subscribe(b2, 20);
        subscriptions().subscribe(subscription(carol, "https://push.example.com/c", 4), 20);

        Set<PushSubscriptionId> found = subscriptions().ofUsers(List.of(alice, bob)).stream()
                .map(PushSubscription::id)
                .collect(Collectors.toSet());

        assertEquals(Set.of(a.id(), b1.id(), b2.id()), found);
        assertEquals(List.of(), subscriptions().ofUsers(List.of()));
    }

    @Test
    void removingIsIdempotent() {
        var alice = user("alice");
        var only = subscription(alice, "https://push.example.com/x", 1);
        subscriptions().subscribe(only, 20);

        assertTrue(subscriptions().remove(only.id()));
        assertFalse(subscriptions().remove(only.id()));
        assertEquals(List.of(), subscriptions().ofUser(alice));
        assertEquals(Optional.empty(), subscriptions().find(only.id()));
    }
}
