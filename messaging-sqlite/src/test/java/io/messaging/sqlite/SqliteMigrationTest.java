package io.messaging.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.messaging.core.model.ConversationId;
import io.messaging.core.model.Message;
import io.messaging.core.model.MessageId;
import io.messaging.core.model.MessageType;
import io.messaging.core.model.NewMessage;
import io.messaging.core.model.UserId;
import io.messaging.core.port.out.Messages;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A database written by the previous schema version opens with its messages, search index and counters intact. */
class SqliteMigrationTest {
    private static final Instant T0 = Instant.parse("2026-11-25T09:00:00.000Z");
    private static final ConversationId CONVERSATION = ConversationId.of("c1");
    private static final UserId ALICE = UserId.of("alice");
    private static final UserId BOB = UserId.of("bob");

    @TempDir
    Path dataDir;

    @Test
    void messagesWrittenBeforeTheRebuiltMessageTableKeepTheirPlaceInHistoryAndSearch() throws Exception {
        Migrations.TABLES.migrate(dataDir.resolve("messaging.db"), MigrationVersion.fromVersion("4"));
        try (var connection = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("messaging.db"));
                var statement = connection.createStatement()) {
            statement.execute("INSERT INTO users (id, username, username_key, email, email_key, display_name, "
                    + "active, created_at, password_hash) VALUES ('alice', 'alice', 'alice', 'a@example.com', "
                    + "'a@example.com', 'Alice', 1, 0, 'h'), ('bob', 'bob', 'bob', 'b@example.com', "
                    + "'b@example.com', 'Bob', 1, 0, 'h')");
            statement.execute("INSERT INTO conversations (id, type, created_by, created_at, last_activity_at, "
                    + "direct_key, last_seq) VALUES ('c1', 'DIRECT', 'alice', 0, 0, 'alice|bob', 3)");
            statement.execute("INSERT INTO participants (conversation_id, user_id, position) VALUES "
                    + "('c1', 'alice', 0), ('c1', 'bob', 1)");
            for (int seq = 1; seq <= 3; seq++) {
                statement.execute("INSERT INTO messages (id, conversation_id, seq, sender_id, recipient_id, type, "
                        + "content, client_message_id, created_at) VALUES ('m" + seq + "', 'c1', " + seq
                        + ", 'alice', 'bob', 'TEXT', 'old harbour note " + seq + "', 'k" + seq + "', "
                        + T0.plusSeconds(seq).toEpochMilli() + ")");
            }
            statement.execute("INSERT INTO messages_fts (rowid, content) SELECT rowid, content FROM messages "
                    + "WHERE seq <= 2");
            statement.execute(
                    "UPDATE search_progress SET indexed_through = " + "(SELECT rowid FROM messages WHERE seq = 2)");
        }
        try (var store = SqliteStores.open(dataDir, SqliteStores.Durability.PROCESS_CRASH)) {
            var messages = store.stores().messages();
            assertEquals(
                    List.of(1L, 2L, 3L),
                    messages.listAfter(CONVERSATION, 0, 10).stream()
                            .map(Message::seq)
                            .toList());
            messages.edit(MessageId.of("m1"), "new lighthouse note", T0.plusSeconds(10));
            assertEquals(
                    List.of("m3", "m2"), ids(messages.search(List.of(CONVERSATION), "harbour", 10, Optional.empty())));
            assertEquals(
                    List.of("m1"), ids(messages.search(List.of(CONVERSATION), "lighthouse", 10, Optional.empty())));
            assertInstanceOf(Messages.AppendOutcome.AlreadyStored.class, messages.append(message("m9", "k2")));
            assertEquals(4, messages.append(message("m4", "k4")).message().seq());
            assertEquals(
                    4L,
                    store.stores()
                            .readReceipts()
                            .unreadCounts(BOB, List.of(CONVERSATION))
                            .get(CONVERSATION));
        }
    }

    /** A text message from Alice to Bob in c1, with a client message id. */
    static NewMessage message(String id, String clientId) {
        return new NewMessage(
                MessageId.of(id),
                CONVERSATION,
                ALICE,
                Optional.of(BOB),
                MessageType.TEXT,
                "again",
                List.of(),
                Optional.of(clientId),
                Optional.empty(),
                T0.plusSeconds(20));
    }

    static List<String> ids(List<Message> found) {
        return found.stream().map(message -> message.id().value()).toList();
    }
}
