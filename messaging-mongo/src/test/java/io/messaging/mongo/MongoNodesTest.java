package io.messaging.mongo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.messaging.core.model.Conversation;
import io.messaging.core.model.ConversationId;
import io.messaging.core.model.Message;
import io.messaging.core.model.MessageId;
import io.messaging.core.model.MessageType;
import io.messaging.core.model.NewMessage;
import io.messaging.core.model.UserId;
import io.messaging.core.port.out.StoreException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** What matters with several server nodes on one database, and with a database that goes away. */
class MongoNodesTest {

    private static NewMessage text(ConversationId conversation, UserId sender, int i) {
        return new NewMessage(
                MessageId.of(UUID.randomUUID().toString()),
                conversation,
                sender,
                Optional.empty(),
                MessageType.TEXT,
                "m" + i,
                List.of(),
                Optional.empty(),
                Optional.empty(),
                Instant.now());
    }

    @Test
    void twoNodesWritingOneConversationGetGapFreeSeq() throws Exception {
        String uri = EmbeddedMongo.freshDatabaseUri();
        try (var first = MongoStores.connect(uri);
                var second = MongoStores.connect(uri)) {
            var alice = UserId.of("alice");
            var bob = UserId.of("bob");
            var conversation = first.stores()
                    .conversations()
                    .insertDirectIfAbsent(Conversation.direct(ConversationId.of("c1"), alice, bob, Instant.now()));
            var pool = Executors.newFixedThreadPool(8);
            try {
                List<Callable<Void>> writers = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    var node = t % 2 == 0 ? first : second;
                    writers.add(() -> {
                        for (int i = 0; i < 50; i++) {
                            node.stores().messages().append(text(conversation.id(), alice, i));
                        }
                        return null;
                    });
                }
                for (var future : pool.invokeAll(writers)) {
                    future.get();
                }
            } finally {
                pool.shutdownNow();
            }
            var seqs = new ArrayList<Long>();
            long after = 0;
            List<Message> page;
            while (!(page = second.stores().messages().listAfter(conversation.id(), after, 100)).isEmpty()) {
                page.forEach(message -> seqs.add(message.seq()));
                after = page.get(page.size() - 1).seq();
            }
            assertEquals(LongStream.rangeClosed(1, 400).boxed().toList(), seqs);
        }
    }

    @Test
    void anUnreachableDatabaseIsAStoreExceptionNotADriverException() {
        var server = new MongoServer(new MemoryBackend());
        var address = server.bind();
        String uri = "mongodb://127.0.0.1:" + address.getPort() + "/gone?serverSelectionTimeoutMS=1000"
                + "&connectTimeoutMS=1000";
        try (var stores = MongoStores.connect(uri)) {
            assertTrue(stores.isHealthy());
            server.shutdownNow();
            long started = System.nanoTime();
            assertThrows(StoreException.class, () -> stores.stores().users().findById(UserId.of("anyone")));
            assertTrue(Duration.ofNanos(System.nanoTime() - started).toSeconds() < 15, "fails within the timeout");
            assertTrue(!stores.isHealthy());
        }
    }
}
