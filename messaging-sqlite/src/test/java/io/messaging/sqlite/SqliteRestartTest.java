package io.messaging.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.messaging.core.model.AttachmentId;
import io.messaging.core.model.Conversation;
import io.messaging.core.model.ConversationId;
import io.messaging.core.model.MessageId;
import io.messaging.core.model.MessageType;
import io.messaging.core.model.NewAttachment;
import io.messaging.core.model.NewMessage;
import io.messaging.core.model.User;
import io.messaging.core.model.UserAccount;
import io.messaging.core.model.UserId;
import io.messaging.core.port.out.StoreException;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A restart keeps every kind of data, the schema carries its migration version, and one store owns the directory. */
class SqliteRestartTest {
    @TempDir
    Path dataDir;

    @Test
    void reopeningFindsEverythingAndTheSchemaIsMigrated() throws Exception {
        var alice = new User(
                UserId.of("alice"),
                "alice",
                "alice@example.com",
                "Alice",
                true,
                Instant.parse("2026-11-24T09:00:00.000Z"),
                Optional.empty());
        var bob = new User(
                UserId.of("bob"),
                "bob",
                "bob@example.com",
                "Bob",
                true,
                Instant.parse("2026-11-24T09:00:00.000Z"),
                Optional.empty());
        var conversation = Conversation.direct(
                ConversationId.of("c1"), alice.id(), bob.id(), Instant.parse("2026-11-24T09:00:00.000Z"));
        var message = new NewMessage(
                MessageId.of("m1"),
                conversation.id(),
                alice.id(),
                Optional.of(bob.id()),
                MessageType.TEXT,
                "kept across restarts",
                List.of(),
                Optional.of("c-1"),
                Optional.empty(),
                Instant.parse("2026-11-24T09:01:00.000Z"));
        try (var store = SqliteStores.open(dataDir, SqliteStores.Durability.POWER_LOSS)) {
            store.stores().users().insert(new UserAccount(alice, "hash-a"));
            store.stores().users().insert(new UserAccount(bob, "hash-b"));
            store.stores().conversations().insertDirectIfAbsent(conversation);
            store.stores().messages().append(message);
            store.stores().readReceipts().markReadUpTo(conversation.id(), bob.id(), 1, message.createdAt());
            store.stores()
                    .attachments()
                    .store(
                            new NewAttachment(AttachmentId.of("a1"), alice.id(), "text/plain", message.createdAt()),
                            new ByteArrayInputStream(new byte[] {1, 2, 3}),
                            10);
        }
        try (var store = SqliteStores.open(dataDir, SqliteStores.Durability.PROCESS_CRASH)) {
            assertTrue(store.isHealthy());
            assertEquals(
                    "hash-a",
                    store.stores().users().findByUsername("ALICE").orElseThrow().passwordHash());
            assertEquals(
                    conversation.withLastMessageAt(message.createdAt()),
                    store.stores()
                            .conversations()
                            .findDirect(bob.id(), alice.id())
                            .orElseThrow());
            var stored = store.stores().messages().findById(message.id()).orElseThrow();
            assertEquals(Optional.of("kept across restarts"), stored.content());
            assertEquals(bob.id(), stored.readBy().get(0).userId());
            assertEquals(
                    1,
                    store.stores()
                            .messages()
                            .search(List.of(conversation.id()), "restarts", 10, Optional.empty())
                            .size());
            assertEquals(
                    3,
                    store.stores()
                            .attachments()
                            .find(AttachmentId.of("a1"))
                            .orElseThrow()
                            .size());
            assertEquals(
                    2,
                    store.stores()
                            .messages()
                            .append(new NewMessage(
                                    MessageId.of("m2"),
                                    conversation.id(),
                                    bob.id(),
                                    Optional.of(alice.id()),
                                    MessageType.TEXT,
                                    "next",
                                    List.of(),
                                    Optional.empty(),
                                    Optional.empty(),
                                    Instant.now()))
                            .message()
                            .seq());
        }
        try (var connection = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("messaging.db"));
                var rows = connection.createStatement().executeQuery("PRAGMA user_version")) {
            assertTrue(rows.next());
            assertEquals(11, rows.getInt(1));
        }
        try (var connection = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("messaging.db"));
                var rows = connection
                        .createStatement()
                        .executeQuery("SELECT max(CAST(version AS INTEGER)), count(*) FROM flyway_schema_history "
                                + "WHERE success = 1")) {
            assertTrue(rows.next());
            assertEquals(11, rows.getInt(1));
            assertEquals(11, rows.getInt(2));
        }
    }

    @Test
    void aDataDirectoryIsOpenByOneStoreAtATime() {
        try (var first = SqliteStores.open(dataDir, SqliteStores.Durability.PROCESS_CRASH)) {
            var refused = assertThrows(
                    StoreException.class, () -> SqliteStores.open(dataDir, SqliteStores.Durability.PROCESS_CRASH));
            assertTrue(refused.getMessage().contains("is in use by another server"), refused.getMessage());
            assertTrue(first.isHealthy());
        }
        try (var reopened = SqliteStores.open(dataDir, SqliteStores.Durability.PROCESS_CRASH)) {
            assertTrue(reopened.isHealthy());
        }
    }
}
