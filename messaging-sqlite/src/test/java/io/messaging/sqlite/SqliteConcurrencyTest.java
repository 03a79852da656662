package io.messaging.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.messaging.core.model.Conversation;
import io.messaging.core.model.ConversationId;
import io.messaging.core.model.Message;
import io.messaging.core.model.MessageId;
import io.messaging.core.model.MessageType;
import io.messaging.core.model.NewMessage;
import io.messaging.core.model.User;
import io.messaging.core.model.UserAccount;
import io.messaging.core.model.UserId;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writers that read before they write, readers and searches all running while the checkpointer copies the log:
 * no write fails for a lock, and every conversation's seq stays gap-free.
 */
class SqliteConcurrencyTest {
    private static final int THREADS = 12;
    private static final int ROUNDS = 400;
    private static final Instant T0 = Instant.parse("2026-11-25T09:00:00.000Z");

    @TempDir
    Path dataDir;

    @Test
    void writesReadsAndCheckpointsRunTogetherWithoutLockFailures() throws Exception {
        try (var store = SqliteStores.open(dataDir, SqliteStores.Durability.PROCESS_CRASH)) {
            var stores = store.stores();
            var users = new ArrayList<UserId>();
            for (int i = 0; i < THREADS + 1; i++) {
                var user = new User(
                        UserId.of("u" + i),
                        "user" + i,
                        "user" + i + "@example.com",
                        "User " + i,
                        true,
                        T0,
                        Optional.empty());
                stores.users().insert(new UserAccount(user, "hash"));
                users.add(user.id());
            }
            var pool = Executors.newFixedThreadPool(THREADS * 2);
            var work = new ArrayList<Callable<Integer>>();
            for (int t = 0; t < THREADS; t++) {
                UserId sender = users.get(t);
                work.add(() -> {
                    for (int round = 0; round < ROUNDS; round++) {
                        UserId other = users.get((round % THREADS + 1 + users.indexOf(sender)) % users.size());
                        Conversation conversation = stores.conversations()
                                .insertDirectIfAbsent(Conversation.direct(
                                        ConversationId.of(sender.value() + "-" + round), sender, other, T0));
                        stores.messages()
                                .append(new NewMessage(
                                        MessageId.of(sender.value() + "m" + round),
                                        conversation.id(),
                                        sender,
                                        Optional.of(other),
                                        MessageType.TEXT,
                                        "round " + round + " lantern",
                                        List.of(),
                                        Optional.of("k" + round),
                                        Optional.empty(),
                                        T0.plusMillis(round)));
                    }
                    return ROUNDS;
                });
                work.add(() -> {
                    int reads = 0;
                    for (int round = 0; round < ROUNDS; round++) {
                        var mine = stores.conversations().listForUser(sender, 50, Optional.empty());
                        for (Conversation conversation : mine) {
                            stores.messages().listBefore(conversation.id(), Long.MAX_VALUE, 50);
                            reads++;
                        }
                        if (round % 25 == 0) {
                            stores.messages()
                                    .search(
                                            mine.stream().map(Conversation::id).toList(),
                                            "lantern",
                                            10,
                                            Optional.empty());
                        }
                    }
                    return reads;
                });
            }
            List<Future<Integer>> results = pool.invokeAll(work);
            pool.shutdown();
            for (Future<Integer> result : results) {
                result.get();
            }
            var conversations = new TreeSet<ConversationId>(Comparator.comparing(ConversationId::value));
            for (UserId user : users) {
                stores.conversations()
                        .listForUser(user, 1000, Optional.empty())
                        .forEach(conversation -> conversations.add(conversation.id()));
            }
            long stored = 0;
            for (ConversationId conversation : conversations) {
                List<Long> seqs = stores.messages().listAfter(conversation, 0, 10_000).stream()
                        .map(Message::seq)
                        .toList();
                assertEquals(LongStream.rangeClosed(1, seqs.size()).boxed().toList(), seqs);
                stored += seqs.size();
            }
            assertEquals((long) THREADS * ROUNDS, stored);
            assertEquals(
                    THREADS * ROUNDS,
                    stores.messages()
                            .search(List.copyOf(conversations), "lantern", THREADS * ROUNDS + 1, Optional.empty())
                            .size());
        }
    }
}
