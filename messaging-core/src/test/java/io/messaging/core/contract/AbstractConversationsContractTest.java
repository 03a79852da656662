package io.messaging.core.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.messaging.core.model.Conversation;
import io.messaging.core.model.ConversationId;
import io.messaging.core.model.UserId;
import io.messaging.core.port.out.Conversations;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The contract of {@link Conversations}, run against every conversation store adapter. */
public abstract class AbstractConversationsContractTest extends StoreContract {

    protected AbstractConversationsContractTest(StoreAdapter adapter) {
        super(adapter);
    }

    @Test
    void storesAndFindsAGroup() {
        var alice = user("alice");
        var bob = user("bob");
        var group = group("Team", T0, alice, bob);

        assertEquals(Optional.of(group), stores.conversations().findById(group.id()));
        assertEquals(Optional.empty(), stores.conversations().findById(ConversationId.of("unknown")));
    }

    @Test
    void encryptionIsStoredAtCreationOrTurnedOnForGood() {
        var alice = user("alice");
        var bob = user("bob");
        var plain = group("Plain", T0, alice, bob);
        var secret = new Conversation(
                ConversationId.of(uniqueId("c")),
                plain.type(),
                Optional.of("Secret"),
                plain.participantIds(),
                alice,
                T0,
                Optional.empty(),
                true);
        stores.conversations().insert(secret);
        var direct = stores.conversations()
                .insertDirectIfAbsent(Conversation.direct(ConversationId.of(uniqueId("c")), alice, bob, T0)
                        .withEncryption());

        assertEquals(Optional.of(secret), stores.conversations().findById(secret.id()));
        assertFalse(stores.conversations().findById(plain.id()).orElseThrow().encrypted());
        assertTrue(stores.conversations().findById(direct.id()).orElseThrow().encrypted());
        var encrypted = stores.conversations().encrypt(plain.id());
        assertEquals(Optional.of(plain.withEncryption()), encrypted);
        assertEquals(encrypted, stores.conversations().findById(plain.id()));
        assertEquals(encrypted, stores.conversations().encrypt(plain.id()));
        var carol = user("carol");
        assertTrue(stores.conversations()
                .addParticipants(plain.id(), List.of(carol))
                .orElseThrow()
                .encrypted());
        assertEquals(Optional.empty(), stores.conversations().encrypt(ConversationId.of("unknown")));
    }

    @Test
    void keepsOneDirectConversationPerPairWhateverTheOrder() {
        var alice = user("alice");
        var bob = user("bob");
        var first = direct(alice, bob);
        var second = stores.conversations()
                .insertDirectIfAbsent(
                        Conversation.direct(ConversationId.of(uniqueId("c")), bob, alice, T0.plusSeconds(5)));

        assertEquals(first, second);
        assertEquals(Optional.of(first), stores.conversations().findDirect(bob, alice));
        assertEquals(Optional.of(first), stores.conversations().findDirect(alice, bob));
        assertEquals(Optional.empty(), stores.conversations().findDirect(alice, user("carol")));
    }

    @Test
    void concurrentFirstMessagesOfAPairCreateOneDirectConversation() throws Exception {
        var alice = user("alice");
        var bob = user("bob");
        var pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Conversation>> attempts = IntStream.range(0, 16)
                    .<Callable<Conversation>>mapToObj(i -> () -> stores.conversations()
                            .insertDirectIfAbsent(Conversation.direct(
                                    ConversationId.of(uniqueId("c")),
                                    i % 2 == 0 ? alice : bob,
                                    i % 2 == 0 ? bob : alice,
                                    T0)))
                    .toList();
            Set<ConversationId> ids = new HashSet<>();
            for (var future : pool.invokeAll(attempts)) {
                ids.add(future.get().id());
            }
            assertEquals(1, ids.size());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void listsAUsersConversationsByLastActivityWithACursor() {
        var alice = user("alice");
        var bob = user("bob");
        var oldest = group("oldest", T0, alice, bob);
        var middle = group("middle", T0.plusSeconds(10), alice);
        var newest = group("newest", T0.plusSeconds(20), alice, bob);
        group("not mine", T0.plusSeconds(30), bob);
        send(oldest.id(), bob, "wakes the oldest up", T0.plusSeconds(40));

        List<ConversationId> all = stores.conversations().listForUser(alice, 10, Optional.empty()).stream()
                .map(Conversation::id)
                .toList();
        assertEquals(List.of(oldest.id(), newest.id(), middle.id()), all);

        var firstPage = stores.conversations().listForUser(alice, 2, Optional.empty());
        var last = firstPage.get(1);
        var rest = stores.conversations()
                .listForUser(alice, 2, Optional.of(new Conversations.ActivityCursor(last.lastActivityAt(), last.id())));
        assertEquals(List.of(middle.id()), rest.stream().map(Conversation::id).toList());
    }

    @Test
    void appendMovesLastMessageAtForward() {
        var alice = user("alice");
        var bob = user("bob");
        var conversation = direct(alice, bob);
        send(conversation.id(), alice, "later", T0.plusSeconds(20));
        send(conversation.id(), bob, "clock skew", T0.plusSeconds(10));

        assertEquals(
                Optional.of(T0.plusSeconds(20)),
                stores.conversations().findById(conversation.id()).orElseThrow().lastMessageAt());
    }

    @Test
    void knowsAUsersConversationIdsAndContacts() {
        var alice = user("alice");
        var bob = user("bob");
        var carol = user("carol");
        var dave = user("dave");
        var pair = direct(alice, bob);
        var team = group("team", T0, alice, carol);
        group("other", T0, dave, bob);

        assertEquals(
                Set.of(pair.id(), team.id()), Set.copyOf(stores.conversations().idsForUser(alice)));
        assertEquals(Set.of(bob, carol), stores.conversations().contactsOf(alice));
        assertEquals(Set.of(), stores.conversations().contactsOf(user("eve")));
    }

    @Test
    void addsAndRemovesParticipants() {
        var alice = user("alice");
        var bob = user("bob");
        var carol = user("carol");
        var team = group("team", T0, alice);

        var added = stores.conversations()
                .addParticipants(team.id(), List.of(bob, carol, alice))
                .orElseThrow();
        assertEquals(List.of(alice, bob, carol), added.participantIds());
        var removed = stores.conversations().removeParticipant(team.id(), bob).orElseThrow();
        assertEquals(List.of(alice, carol), removed.participantIds());
        assertEquals(removed, stores.conversations().findById(team.id()).orElseThrow());
        assertTrue(stores.conversations().removeParticipant(team.id(), bob).isPresent());
        assertEquals(Set.of(carol), stores.conversations().contactsOf(alice));
        assertEquals(List.of(), stores.conversations().idsForUser(bob));
        assertEquals(
                Optional.empty(), stores.conversations().addParticipants(ConversationId.of("unknown"), List.of(bob)));
        assertEquals(Optional.empty(), stores.conversations().removeParticipant(ConversationId.of("unknown"), bob));
    }

    @Test
    void keepsUsersInsertionOrder() {
        var ids = IntStream.range(0, 5).mapToObj(i -> user("member" + i)).toList();
        var team = group("team", T0, ids.get(0), ids.subList(1, 5).toArray(UserId[]::new));
        assertEquals(
                ids, stores.conversations().findById(team.id()).orElseThrow().participantIds());
    }
}
