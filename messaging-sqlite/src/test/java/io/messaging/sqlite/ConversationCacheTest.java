package io.messaging.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.messaging.core.model.Conversation;
import io.messaging.core.model.ConversationId;
import io.messaging.core.model.ConversationType;
import io.messaging.core.model.MessageId;
import io.messaging.core.model.MessageType;
import io.messaging.core.model.NewMessage;
import io.messaging.core.model.User;
import io.messaging.core.model.UserAccount;
import io.messaging.core.model.UserId;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The conversation cache never serves a conversation older than the last committed change to it. */
class ConversationCacheTest {
    private static final Instant CREATED = Instant.parse("2026-11-25T09:00:00Z");
    private static final ConversationId ID = ConversationId.of("c1");
    private static final Conversation STORED = Conversation.direct(ID, UserId.of("alice"), UserId.of("bob"), CREATED);

    @TempDir
    Path dataDir;

    @Test
    void aConversationLoadedWhileAChangeCommittedIsNotKept() {
        var cache = new ConversationCache(100);
        var loads = new AtomicInteger();
        Instant sent = CREATED.plusSeconds(60);
        Optional<Conversation> first = cache.get(ID, () -> {
            loads.incrementAndGet();
            cache.messageAdded(ID, sent);
            return Optional.of(STORED);
        });
        assertEquals(Optional.of(STORED), first);
        Optional<Conversation> second = cache.get(ID, () -> {
            loads.incrementAndGet();
            return Optional.of(STORED.withLastMessageAt(sent));
        });
        assertEquals(2, loads.get());
        assertEquals(Optional.of(sent), second.orElseThrow().lastMessageAt());
        cache.get(ID, () -> {
            loads.incrementAndGet();
            return Optional.empty();
        });
        assertEquals(2, loads.get());
    }

    @Test
    void aCachedConversationFollowsMessagesForwardOnly() {
        var cache = new ConversationCache(100);
        cache.get(ID, () -> Optional.of(STORED));
        cache.messageAdded(ID, CREATED.plusSeconds(60));
        cache.messageAdded(ID, CREATED.plusSeconds(30));
        assertEquals(
                Optional.of(CREATED.plusSeconds(60)),
                cache.get(ID, Optional::empty).orElseThrow().lastMessageAt());
    }

    @Test
    void theCacheHoldsAtMostItsCapacity() {
        var cache = new ConversationCache(2);
        for (int i = 0; i < 5; i++) {
            var id = ConversationId.of("c" + i);
            cache.get(id, () -> Optional.of(Conversation.direct(id, UserId.of("alice"), UserId.of("bob"), CREATED)));
        }
        var loadedAgain = new AtomicInteger();
        for (int i = 0; i < 5; i++) {
            cache.get(ConversationId.of("c" + i), () -> {
                loadedAgain.incrementAndGet();
                return Optional.empty();
            });
        }
        assertTrue(loadedAgain.get() >= 3, "at most 2 of 5 kept, but " + (5 - loadedAgain.get()) + " were");
    }

    @Test
    void theStoreServesParticipantChangesAndNewMessagesAfterACachedRead() {
        var alice = user("alice");
        var bob = user("bob");
        var carol = user("carol");
        var group = new Conversation(
                ID,
                ConversationType.GROUP,
                Optional.of("team"),
                List.of(alice.id(), bob.id()),
                alice.id(),
                CREATED,
                Optional.empty());
        try (var store = SqliteStores.open(dataDir, SqliteStores.Durability.PROCESS_CRASH)) {
            var stores = store.stores();
            for (User user : List.of(alice, bob, carol)) {
                stores.users().insert(new UserAccount(user, "hash"));
            }
            stores.conversations().insert(group);
            assertEquals(
                    List.of(alice.id(), bob.id()),
                    stores.conversations().findById(ID).orElseThrow().participantIds());

            stores.conversations().addParticipants(ID, List.of(carol.id()));
            assertEquals(
                    List.of(alice.id(), bob.id(), carol.id()),
                    stores.conversations().findById(ID).orElseThrow().participantIds());

            Instant sent = CREATED.plusSeconds(90);
            stores.messages()
                    .append(new NewMessage(
                            MessageId.of("m1"),
                            ID,
                            alice.id(),
                            Optional.empty(),
                            MessageType.TEXT,
                            "hello",
                            List.of(),
                            Optional.empty(),
                            Optional.empty(),
                            sent));
            assertEquals(
                    Optional.of(sent),
                    stores.conversations().findById(ID).orElseThrow().lastMessageAt());

            stores.conversations().removeParticipant(ID, bob.id());
            assertEquals(
                    List.of(alice.id(), carol.id()),
                    stores.conversations().findById(ID).orElseThrow().participantIds());
        }
    }

    private static User user(String name) {
        return new User(UserId.of(name), name, name + "@example.com", name, true, CREATED, Optional.empty());
    }
}
