package io.messaging.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.messaging.core.model.Attachment;
import io.messaging.core.model.AttachmentId;
import io.messaging.core.model.Conversation;
import io.messaging.core.model.ConversationId;
import io.messaging.core.model.Envelope;
import io.messaging.core.model.Message;
import io.messaging.core.model.MessageId;
import io.messaging.core.model.MessageType;
import io.messaging.core.model.NewMessage;
import io.messaging.core.model.User;
import io.messaging.core.model.UserAccount;
import io.messaging.core.model.UserId;
import io.messaging.core.model.VoiceNote;
import io.messaging.core.port.out.Messages.AppendOutcome;
import io.messaging.core.port.out.StoreException;
import io.messaging.core.port.out.Stores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sends are acknowledged from the journal before the message tables have them: every read must see them meanwhile,
 * and a crash in that window must lose and duplicate nothing. The main writer is held up to open that window.
 */
class JournalTest {
    private static final Instant AT = Instant.parse("2026-11-25T10:00:00.000Z");
    private static final UserId ALICE = UserId.of("alice");
    private static final UserId BOB = UserId.of("bob");
    private static final ConversationId CONVERSATION = ConversationId.of("c1");

    @TempDir
    Path dataDir;

    @TempDir
    Path copyDir;

    private SqliteStores store;
    private final CountDownLatch release = new CountDownLatch(1);
    private CompletableFuture<Object> hold;

    @BeforeEach
    void openWithTwoUsersAndAConversation() {
        store = SqliteStores.open(dataDir, SqliteStores.Durability.PROCESS_CRASH);
        addTwoUsersAndAConversation(store.stores());
    }

    private static void addTwoUsersAndAConversation(Stores stores) {
        addUsers(stores, ALICE, BOB);
        stores.conversations().insertDirectIfAbsent(Conversation.direct(CONVERSATION, ALICE, BOB, AT));
    }

    private static Optional<Instant> lastMessageAt(Stores stores) {
        return stores.conversations().findById(CONVERSATION).orElseThrow().lastMessageAt();
    }

    /** Active users whose username, email and display name are made of their ids. */
    private static void addUsers(Stores stores, UserId... ids) {
        for (UserId id : ids) {
            stores.users()
                    .insert(new UserAccount(
                            new User(
                                    id,
                                    id.value(),
                                    id.value() + "@example.com",
                                    id.value(),
                                    true,
                                    AT,
                                    Optional.empty()),
                            "hash"));
        }
    }

    @AfterEach
    void close() {
        release.countDown();
        store.close();
    }

    /** Holds the main writer until {@link #release} counts down, so nothing reaches the message tables. */
    private void holdTheTables() throws InterruptedException {
        hold = holdTheTables(store);
    }

    private CompletableFuture<Object> holdTheTables(SqliteStores held) throws InterruptedException {
        var holding = new CountDownLatch(1);
        var future = held.database().writeAsync(connection -> {
            holding.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        });
        holding.await();
        return future;
    }

    private static AppendOutcome send(Stores stores, int n, UserId sender) {
        return stores.messages().append(message(n, sender));
    }

    private static NewMessage message(int n, UserId sender) {
        return new NewMessage(
                MessageId.of("m" + n),
                CONVERSATION,
                sender,
                Optional.of(sender.equals(ALICE) ? BOB : ALICE),
                MessageType.TEXT,
                "hello number " + n,
                List.of(),
                Optional.of("client-" + n),
                Optional.empty(),
                AT.plusSeconds(n));
    }

    @Test
    void theClientKeysOfEveryStoredMessageAreReadAtOpeningSoRetriesAreStillFound() throws Exception {
        int stored = 25_001; // more than two pages of the read at opening
        var appends = new ArrayList<CompletableFuture<AppendOutcome>>();
        for (int n = 1; n <= stored; n++) {
            appends.add(
                    store.stores().messages().appendAsync(message(n, sender(n))).toCompletableFuture());
        }
        appends.forEach(CompletableFuture::join);
        store.awaitTables();
        store.close();
        store = SqliteStores.open(dataDir, SqliteStores.Durability.PROCESS_CRASH);

        ClientKeys keys;
        try (var lookups = store.database().openConnection()) {
            keys = ClientKeys.read(store.database(), lookups);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!keys.isComplete() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(keys.isComplete(), "the keys were read");
        for (int n = 1; n <= stored; n++) {
            assertTrue(keys.mayBeStored(new UnappliedMessages.ClientKey(sender(n), "client-" + n)), "client-" + n);
        }
        long falselyThere = LongStream.rangeClosed(1, 10_000)
                .filter(n -> keys.mayBeStored(new UnappliedMessages.ClientKey(ALICE, "never-sent-" + n)))
                .count();
        assertTrue(falselyThere < 300, falselyThere + " of 10,000 unsent keys looked stored");

        for (int n : List.of(1, 10_000, 10_001, 20_000, stored)) {
            assertInstanceOf(AppendOutcome.AlreadyStored.class, send(store.stores(), n, sender(n)), "retry " + n);
        }
        assertInstanceOf(AppendOutcome.Appended.class, send(store.stores(), stored + 1, sender(stored + 1)));
    }

    private static UserId sender(int n) {
        return n % 2 == 0 ? ALICE : BOB;
    }

    private long rowsInTables() throws Exception {
        try (var connection = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("messaging.db"));
                var rows = connection.createStatement().executeQuery("SELECT count(*) FROM messages")) {
            return rows.next() ? rows.getLong(1) : -1;
        }
    }

    @Test
    void everyReadSeesAcknowledgedMessagesBeforeTheTablesHaveThem() throws Exception {
        send(store.stores(), 1, ALICE);
        store.awaitTables();
        holdTheTables();
        for (int n = 2; n <= 5; n++) {
            assertInstanceOf(AppendOutcome.Appended.class, send(store.stores(), n, n % 2 == 0 ? ALICE : BOB));
        }
        assertEquals(1, rowsInTables(), "the writer is held, so only the first message is in the tables");

        assertSeesFive(store.stores());
        var retry = send(store.stores(), 4, ALICE);
        assertInstanceOf(AppendOutcome.AlreadyStored.class, retry);
        assertEquals(4, retry.message().seq());

        release.countDown();
        hold.get();
        store.awaitTables();
        assertEquals(5, rowsInTables());
        assertSeesFive(store.stores());
        assertEquals(
                AT.plusSeconds(5),
                store.stores()
                        .conversations()
                        .listForUser(ALICE, 10, Optional.empty())
                        .get(0)
                        .lastMessageAt()
                        .orElseThrow());
        assertEquals(
                1,
                store.stores()
                        .messages()
                        .search(List.of(CONVERSATION), "number 5", 10, Optional.empty())
                        .size());
        assertEquals(6, send(store.stores(), 6, ALICE).message().seq());
    }

    private static void assertSeesFive(Stores stores) {
        var messages = stores.messages();
        assertEquals(List.of(5L, 4L, 3L, 2L, 1L), seqs(messages.listBefore(CONVERSATION, Long.MAX_VALUE, 10)));
        assertEquals(List.of(4L, 3L), seqs(messages.listBefore(CONVERSATION, 5, 2)));
        assertEquals(List.of(2L, 3L, 4L), seqs(messages.listAfter(CONVERSATION, 1, 3)));
        assertEquals(
                5, messages.latestOf(List.of(CONVERSATION)).get(CONVERSATION).seq());
        assertEquals(
                Optional.of("hello number 3"),
                messages.findById(MessageId.of("m3")).orElseThrow().content());
        // bob sent 3 and 5; alice's unread are bob's, bob's unread are alice's 1, 2 and 4
        assertEquals(Map.of(CONVERSATION, 2L), stores.readReceipts().unreadCounts(ALICE, List.of(CONVERSATION)));
        assertEquals(Map.of(CONVERSATION, 3L), stores.readReceipts().unreadCounts(BOB, List.of(CONVERSATION)));
        assertEquals(Optional.of(AT.plusSeconds(5)), lastMessageAt(stores));
    }

    @Test
    void aPendingMessageFromASlowClockDoesNotMoveTheLastMessageTimeBack() throws Exception {
        holdTheTables();
        send(store.stores(), 20, ALICE);
        send(store.stores(), 10, BOB);
        assertEquals(Optional.of(AT.plusSeconds(20)), lastMessageAt(store.stores()));
    }

    @Test
    void messagesFromASlowClockWrittenIntoTheTablesTogetherKeepTheLatestLastMessageTime() throws Exception {
        holdTheTables();
        send(store.stores(), 20, ALICE);
        send(store.stores(), 10, BOB);
        release.countDown();
        store.awaitTables();
        store.close();
        store = SqliteStores.open(dataDir, SqliteStores.Durability.PROCESS_CRASH);
        assertEquals(Optional.of(AT.plusSeconds(20)), lastMessageAt(store.stores()));
    }

    @Test
    void aUserWithNothingPendingListsConversationsWithoutWaitingForTheWriter() throws Exception {
        var carol = UserId.of("carol");
        var dave = UserId.of("dave");
        addUsers(store.stores(), carol, dave);
        store.stores()
                .conversations()
                .insertDirectIfAbsent(Conversation.direct(ConversationId.of("c2"), carol, dave, AT));
        holdTheTables();
        send(store.stores(), 1, ALICE);

        var listed = CompletableFuture.supplyAsync(
                () -> store.stores().conversations().listForUser(carol, 10, Optional.empty()));
        assertEquals(
                ConversationId.of("c2"), listed.get(10, TimeUnit.SECONDS).get(0).id());
        var alicesList = CompletableFuture.supplyAsync(
                () -> store.stores().conversations().listForUser(ALICE, 10, Optional.empty()));
        Thread.sleep(200);
        assertFalse(alicesList.isDone(), "alice's list waits for her pending message to reach the tables");
        release.countDown();
        assertEquals(
                Optional.of(AT.plusSeconds(1)),
                alicesList.get(10, TimeUnit.SECONDS).get(0).lastMessageAt());
    }

    @Test
    void writesQueuedBehindAcknowledgedMessagesFindThemInTheTables() throws Exception {
        holdTheTables();
        for (int n = 1; n <= 4; n++) {
            send(store.stores(), n, ALICE);
        }
        var read = CompletableFuture.supplyAsync(
                () -> store.stores().readReceipts().markReadUpTo(CONVERSATION, BOB, 4, AT.plusSeconds(10)));
        var edited = CompletableFuture.supplyAsync(
                () -> store.stores().messages().edit(MessageId.of("m2"), "changed", AT.plusSeconds(11)));
        Thread.sleep(100);
        release.countDown();
        assertEquals(
                List.of("m1", "m2", "m3", "m4"),
                read.get(10, TimeUnit.SECONDS).stream().map(MessageId::value).toList());
        assertEquals(
                Optional.of("changed"),
                edited.get(10, TimeUnit.SECONDS).orElseThrow().content());
        assertEquals(Map.of(CONVERSATION, 0L), store.stores().readReceipts().unreadCounts(BOB, List.of(CONVERSATION)));
    }

    @Test
    void aMessageTheTablesRefuseHoldsBackTheOnesAfterItAndLosesNothing() throws Exception {
        send(store.stores(), 1, ALICE);
        store.awaitTables();
        onTheDatabase(
                dataDir,
                "CREATE TRIGGER refuse BEFORE INSERT ON messages WHEN NEW.content = 'hello number 2' "
                        + "BEGIN SELECT RAISE(ABORT, 'refused'); END");
        for (int n = 2; n <= 5; n++) {
            assertInstanceOf(AppendOutcome.Appended.class, send(store.stores(), n, n % 2 == 0 ? ALICE : BOB));
        }
        assertThrows(StoreException.class, store::awaitTables);
        assertEquals(1, rowsInTables(), "no message goes into the tables ahead of one acknowledged before it");
        assertSeesFive(store.stores());

        copyDataDirectory();
        onTheDatabase(copyDir, "DROP TRIGGER refuse");
        try (var recovered = SqliteStores.open(copyDir, SqliteStores.Durability.PROCESS_CRASH)) {
            assertOnceEach(recovered.stores(), 5);
        }

        onTheDatabase(dataDir, "DROP TRIGGER refuse");
        store.awaitTables();
        assertEquals(5, rowsInTables());
        assertSeesFive(store.stores());
    }

    @Test
    @Timeout(30)
    void anAppendThatFindsNoRoomInTheBacklogFailsInsteadOfWaitingForever() throws Exception {
        try (var limited = SqliteStores.open(
                copyDir, SqliteStores.Durability.PROCESS_CRASH, new Journal.Backlog(3, Duration.ofMillis(300)))) {
            addTwoUsersAndAConversation(limited.stores());
            var held = holdTheTables(limited);
            for (int n = 1; n <= 3; n++) {
                assertInstanceOf(AppendOutcome.Appended.class, send(limited.stores(), n, ALICE));
            }
            var refused = assertThrows(StoreException.class, () -> send(limited.stores(), 4, ALICE));
            assertTrue(refused.getMessage().contains("behind the journal"), refused.getMessage());
            assertEquals(
                    3,
                    limited.stores().messages().listAfter(CONVERSATION, 0, 10).size());

            release.countDown();
            held.get(10, TimeUnit.SECONDS);
            assertEquals(4, send(limited.stores(), 4, ALICE).message().seq());
        }
    }

    private static void onTheDatabase(Path directory, String sql) throws Exception {
        try (var connection = DriverManager.getConnection("jdbc:sqlite:" + directory.resolve("messaging.db"));
                var statement = connection.createStatement()) {
            statement.execute("PRAGMA busy_timeout=10000");
            statement.execute(sql);
        }
    }

    private static List<Long> seqs(List<Message> messages) {
        return messages.stream().map(Message::seq).toList();
    }

    @Test
    void aCrashBeforeTheTablesHaveThemLosesAndDuplicatesNothing() throws Exception {
        send(store.stores(), 1, ALICE);
        store.awaitTables();
        holdTheTables();
        for (int n = 2; n <= 40; n++) {
            send(store.stores(), n, n % 3 == 0 ? BOB : ALICE);
        }
        copyDataDirectory();

        try (var recovered = SqliteStores.open(copyDir, SqliteStores.Durability.PROCESS_CRASH)) {
            assertOnceEach(recovered.stores(), 40);
            var retry = send(recovered.stores(), 17, ALICE);
            assertInstanceOf(AppendOutcome.AlreadyStored.class, retry);
            assertEquals(17, retry.message().seq());
            assertEquals(41, send(recovered.stores(), 41, BOB).message().seq());
        }
        try (var reopened = SqliteStores.open(copyDir, SqliteStores.Durability.PROCESS_CRASH)) {
            assertOnceEach(reopened.stores(), 41);
            assertTrue(
                    reopened.stores().messages().findById(MessageId.of("m41")).isPresent());
        }
    }

    @Test
    void aVoiceNoteLeftInTheJournalByACrashReachesTheTables() throws Exception {
        holdTheTables();
        var voice = new VoiceNote(2400, List.of(0.25, 0.75));
        var sent = store.stores()
                .messages()
                .append(new NewMessage(
                        MessageId.of("m1"),
                        CONVERSATION,
                        ALICE,
                        Optional.of(BOB),
                        MessageType.VOICE,
                        "",
                        List.of(new Attachment(AttachmentId.of("rec"), "audio/ogg", 900, Optional.empty())),
                        Optional.empty(),
                        Optional.empty(),
                        AT,
                        Optional.of(voice)))
                .message();
        assertEquals(
                Optional.of(voice),
                store.stores().messages().findById(sent.id()).orElseThrow().voice());
        copyDataDirectory();

        try (var recovered = SqliteStores.open(copyDir, SqliteStores.Durability.PROCESS_CRASH)) {
            assertEquals(sent, recovered.stores().messages().findById(sent.id()).orElseThrow());
        }
        try (var reopened = SqliteStores.open(copyDir, SqliteStores.Durability.PROCESS_CRASH)) {
            assertEquals(
                    Optional.of(voice),
                    reopened.stores()
                            .messages()
                            .findById(sent.id())
                            .orElseThrow()
                            .voice());
        }
    }

    @Test
    void anEncryptedMessageLeftInTheJournalByACrashReachesTheTablesWithItsEnvelopesAndNoContent() throws Exception {
        holdTheTables();
        var envelopes = Map.of(
                "bob-phone", new Envelope(Envelope.Kind.PREKEY, "b3BhcXVl"),
                "alice-laptop", new Envelope(Envelope.Kind.MESSAGE, "YWxzbw"));
        var sent = store.stores()
                .messages()
                .append(new NewMessage(
                        MessageId.of("m1"),
                        CONVERSATION,
                        ALICE,
                        Optional.of(BOB),
                        MessageType.ENCRYPTED,
                        "",
                        List.of(),
                        Optional.empty(),
                        Optional.empty(),
                        AT,
                        Optional.empty(),
                        Optional.empty(),
                        envelopes))
                .message();
        assertEquals(
                envelopes,
                store.stores().messages().findById(sent.id()).orElseThrow().envelopes());
        copyDataDirectory();

        try (var recovered = SqliteStores.open(copyDir, SqliteStores.Durability.PROCESS_CRASH)) {
            assertEquals(sent, recovered.stores().messages().findById(sent.id()).orElseThrow());
        }
        try (var reopened = SqliteStores.open(copyDir, SqliteStores.Durability.PROCESS_CRASH)) {
            var stored = reopened.stores().messages().findById(sent.id()).orElseThrow();
            assertEquals(envelopes, stored.envelopes());
            assertEquals(Optional.empty(), stored.content());
            // a search brings the full-text index up to date first
            assertEquals(
                    List.of(),
                    reopened.stores().messages().search(List.of(CONVERSATION), "b3BhcXVl", 10, Optional.empty()));
        }
        try (var connection = DriverManager.getConnection("jdbc:sqlite:" + copyDir.resolve("messaging.db"));
                var rows = connection
                        .createStatement()
                        .executeQuery("SELECT content IS NULL, type FROM messages WHERE id = 'm1'")) {
            assertTrue(rows.next());
            assertTrue(rows.getBoolean(1), "the row of an encrypted message holds no content");
            assertEquals("ENCRYPTED", rows.getString(2));
        }
        try (var connection = DriverManager.getConnection("jdbc:sqlite:" + copyDir.resolve("messaging.db"));
                var rows = connection
                        .createStatement()
                        .executeQuery("SELECT (SELECT indexed_through FROM search_progress), "
                                + "(SELECT rowid FROM messages WHERE id = 'm1'), "
                                + "(SELECT count(*) FROM messages_fts WHERE rowid = (SELECT rowid FROM messages "
                                + "WHERE id = 'm1'))")) {
            assertTrue(rows.next());
            assertTrue(rows.getLong(1) >= rows.getLong(2), "the index has caught up past the message");
            assertEquals(0, rows.getInt(3), "an encrypted message never enters the full-text index");
        }
    }

    /** What a kill would leave on disk: both databases and their logs as they are now, the writer mid-group. */
    private void copyDataDirectory() throws IOException {
        try (var files = Files.list(dataDir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String name = file.getFileName().toString();
                if (!name.endsWith(".lock") && !name.endsWith("-shm")) {
                    Files.copy(file, copyDir.resolve(name));
                }
            }
        }
        assertFalse(Files.exists(copyDir.resolve("messaging.lock")));
    }

    private static void assertOnceEach(Stores stores, int count) {
        List<Message> all = stores.messages().listAfter(CONVERSATION, 0, 1000);
        assertEquals(LongStream.rangeClosed(1, count).boxed().toList(), seqs(all));
        assertEquals(count, all.stream().map(Message::id).distinct().count());
        for (Message message : all) {
            assertEquals("m" + message.seq(), message.id().value(), "each message keeps the seq it was given");
        }
    }
}
