package io.messaging.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.messaging.core.model.ConversationId;
import io.messaging.core.model.Message;
import io.messaging.core.model.UserId;
import io.messaging.core.port.out.Messages;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A data directory written by the release before schema migrations moved to Flyway (committed under
 * {@code release-data/}: both databases at schema version 10, kept by {@code PRAGMA user_version}, and one message
 * acknowledged in the journal that the tables did not take before the process stopped) opens with everything intact:
 * both databases are baselined at the version they were at, the journal's message reaches the tables, and the store
 * works on.
 */
class ReleaseDataUpgradeTest {
    private static final ConversationId CONVERSATION = ConversationId.of("c1");
    private static final UserId BOB = UserId.of("bob");

    @TempDir
    Path dataDir;

    @BeforeEach
    void copyTheReleaseData() throws Exception {
        for (String name : List.of("messaging.db", "journal.db")) {
            try (InputStream in = getClass().getResourceAsStream("release-data/" + name)) {
                Files.copy(in, dataDir.resolve(name));
            }
        }
        assertFalse(hasTable(dataDir.resolve("messaging.db"), "flyway_schema_history"));
        assertFalse(hasTable(dataDir.resolve("journal.db"), "flyway_schema_history"));
    }

    @Test
    void theReleasesDataOpensWithEveryMessageAndGoesOn() throws Exception {
        try (var store = SqliteStores.open(dataDir, SqliteStores.Durability.PROCESS_CRASH)) {
            var messages = store.stores().messages();
            List<Message> history = messages.listAfter(CONVERSATION, 0, 10);
            assertEquals(List.of("m1", "m2", "m3", "m4"), SqliteMigrationTest.ids(history));
            assertEquals(
                    List.of(1L, 2L, 3L, 4L), history.stream().map(Message::seq).toList());
            assertEquals(Optional.of("second lighthouse note"), history.get(1).content());
            assertTrue(history.get(1).editedAt().isPresent());
            assertEquals(
                    Optional.of("acknowledged before the crash"), history.get(3).content());
            assertEquals(BOB, history.get(0).readBy().get(0).userId());
            assertEquals(List.of(BOB), history.get(0).reactions().get("👍"));
            assertEquals(
                    List.of("m2"),
                    SqliteMigrationTest.ids(
                            messages.search(List.of(CONVERSATION), "lighthouse", 10, Optional.empty())));

            assertInstanceOf(
                    Messages.AppendOutcome.AlreadyStored.class,
                    messages.append(SqliteMigrationTest.message("m9", "k4")));
            assertEquals(
                    5,
                    messages.append(SqliteMigrationTest.message("m5", "k5"))
                            .message()
                            .seq());
            assertEquals(
                    4L,
                    store.stores()
                            .readReceipts()
                            .unreadCounts(BOB, List.of(CONVERSATION))
                            .get(CONVERSATION));
        }
        assertEquals(List.of("10:BASELINE", "11:SQL"), history(dataDir.resolve("messaging.db")));
        try (var connection = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("messaging.db"));
                var rows = connection.createStatement().executeQuery("SELECT duration_ms FROM message_voice")) {
            assertTrue(rows.next());
            assertEquals(7000, rows.getLong(1));
        }
        assertEquals(List.of("3:BASELINE", "4:SQL"), history(dataDir.resolve("journal.db")));
        try (var reopened = SqliteStores.open(dataDir, SqliteStores.Durability.PROCESS_CRASH)) {
            assertEquals(
                    5,
                    reopened.stores().messages().listAfter(CONVERSATION, 0, 10).size());
        }
        assertEquals(List.of("10:BASELINE", "11:SQL"), history(dataDir.resolve("messaging.db")));
    }

    @Test
    void aNewDataDirectoryRunsEveryScript() throws Exception {
        Path fresh = dataDir.resolve("fresh");
        try (var store = SqliteStores.open(fresh, SqliteStores.Durability.PROCESS_CRASH)) {
            assertTrue(store.isHealthy());
        }
        assertEquals(11, history(fresh.resolve("messaging.db")).size());
        assertEquals("11:SQL", history(fresh.resolve("messaging.db")).get(10));
        assertEquals(List.of("1:SQL", "2:SQL", "3:SQL", "4:SQL"), history(fresh.resolve("journal.db")));
    }

    @Test
    void aJournalFromBeforeScheduledMessagesGetsTheNewerScripts() throws Exception {
        Path old = dataDir.resolve("old");
        Files.createDirectories(old);
        try (var connection = DriverManager.getConnection("jdbc:sqlite:" + old.resolve("journal.db"));
                var statement = connection.createStatement()) {
            statement.execute("CREATE TABLE journal (position INTEGER PRIMARY KEY, id TEXT NOT NULL, "
                    + "conversation_id TEXT NOT NULL, seq INTEGER NOT NULL, sender_id TEXT NOT NULL, recipient_id TEXT, "
                    + "type TEXT NOT NULL, content TEXT NOT NULL, client_message_id TEXT, reply_to_id TEXT, "
                    + "created_at INTEGER NOT NULL)");
            statement.execute("CREATE TABLE journal_attachments (position INTEGER NOT NULL, item INTEGER NOT NULL, "
                    + "attachment_id TEXT NOT NULL, content_type TEXT NOT NULL, size INTEGER NOT NULL, name TEXT, "
                    + "PRIMARY KEY (position, item))");
        }
        Migrations.JOURNAL.migrate(old.resolve("journal.db"));
        assertEquals(List.of("1:BASELINE", "2:SQL", "3:SQL", "4:SQL"), history(old.resolve("journal.db")));
        assertTrue(hasTable(old.resolve("journal.db"), "journal_voice"));
    }

    /** Each applied script's version and type, in the order applied. */
    private static List<String> history(Path database) throws Exception {
        try (var connection = DriverManager.getConnection("jdbc:sqlite:" + database);
                var rows = connection
                        .createStatement()
                        .executeQuery("SELECT version, type FROM flyway_schema_history WHERE success = 1 "
                                + "ORDER BY installed_rank")) {
            var applied = new ArrayList<String>();
            while (rows.next()) {
                applied.add(rows.getString(1) + ":" + rows.getString(2));
            }
            return applied;
        }
    }

    private static boolean hasTable(Path database, String table) throws Exception {
        try (var connection = DriverManager.getConnection("jdbc:sqlite:" + database);
                var rows = connection
                        .createStatement()
                        .executeQuery("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '" + table + "'")) {
            return rows.next();
        }
    }
}
