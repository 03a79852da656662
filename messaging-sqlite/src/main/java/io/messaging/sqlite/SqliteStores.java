package io.messaging.sqlite;

import io.messaging.core.port.out.ScheduledMessages;
import io.messaging.core.port.out.StoreException;
import io.messaging.core.port.out.Stores;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;

/**
 * The embedded default store: one SQLite database (WAL, single writer with group commit, FTS5), the journal that
 * acknowledges sends before the writer puts them into the tables (see {@link Journal}), and the attachment files, in
 * one data directory. One process at a time owns the directory (it holds a lock on {@code messaging.lock}
 * while open), as the store keeps what it has read in memory and relies on being the only writer to keep it exact.
 * Open it once per process and close it at shutdown.
 */
public final class SqliteStores implements AutoCloseable {

    /** What an acknowledged write survives. */
    public enum Durability {
        /** Survives a crash or kill of the process; the last commits may be lost on power loss (synchronous=NORMAL). */
        PROCESS_CRASH,
        /** Survives power loss too: every commit is fsynced (synchronous=FULL), at some cost in throughput. */
        POWER_LOSS
    }

    /** Conversations kept in memory for the membership checks of sends and reads. */
    private static final int CACHED_CONVERSATIONS = 100_000;

    private final FileLock ownership;
    private final Database db;
    private final Journal journal;
    private final Stores stores;
    private final SqliteScheduledMessages scheduledMessages;

    private SqliteStores(Path dataDirectory, Durability durability, Journal.Backlog backlog) {
        this.ownership = own(dataDirectory);
        boolean fsync = durability == Durability.POWER_LOSS;
        var statements = new Statements();
        var unapplied = new UnappliedMessages();
        var searchIndex = new SearchIndex(statements);
        var rows = new MessageRows(statements);
        var tables = new MessageTables(statements, rows, searchIndex);
        var catchUp = new TableCatchUp(unapplied, tables);
        try {
            Migrations.migrate(dataDirectory.resolve("messaging.db"), dataDirectory.resolve("journal.db"));
            this.db = new Database(
                    dataDirectory.resolve("messaging.db"), fsync, statements, catchUp, List.of(searchIndex));
        } catch (SQLException e) {
            closeQuietly(ownership.channel());
            throw new StoreException(
                    "cannot bring the databases in " + dataDirectory + " up to date: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(ownership.channel());
            throw e;
        }
        var conversations = new ConversationCache(CACHED_CONVERSATIONS);
        try {
            this.journal = openJournal(
                    dataDirectory.resolve("journal.db"),
                    fsync,
                    statements,
                    backlog,
                    tables,
                    unapplied,
                    catchUp,
                    conversations);
        } catch (RuntimeException e) {
            db.close();
            closeQuietly(ownership.channel());
            throw e;
        }
        var messages = new SqliteMessages(db, rows, unapplied, searchIndex, journal);
        this.stores = new Stores(
                new SqliteUsers(db),
                new SqliteConversations(db, conversations, unapplied),
                messages,
                new SqliteReadReceipts(db, unapplied),
                new SqliteAttachments(db, dataDirectory.resolve("attachments")),
                new SqliteOneTimeTokens(db),
                new SqlitePushSubscriptions(db),
                new SqlitePushQueue(db),
                new SqliteDevices(db));
        this.scheduledMessages = new SqliteScheduledMessages(db);
    }

    private Journal openJournal(
            Path file,
            boolean fsync,
            Statements statements,
            Journal.Backlog backlog,
            MessageTables tables,
            UnappliedMessages unapplied,
            TableCatchUp catchUp,
            ConversationCache conversations) {
        JournalFile journalFile;
        try {
            journalFile = new JournalFile(file, fsync, statements);
        } catch (SQLException e) {
            throw new StoreException("cannot open the journal at " + file + ": " + e.getMessage(), e);
        }
        try {
            return new Journal(journalFile, backlog, db, tables, unapplied, catchUp, conversations);
        } catch (RuntimeException e) {
            journalFile.close();
            throw e;
        }
    }

    /** Takes the data directory for this process, or fails if another process (or store) has it open. */
    private static FileLock own(Path dataDirectory) {
        Path lockFile = dataDirectory.resolve("messaging.lock");
        FileChannel channel = null;
        try {
            Files.createDirectories(dataDirectory);
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock != null) {
                return lock;
            }
        } catch (OverlappingFileLockException e) {
            // held by another store in this process: reported below like another process's lock
        } catch (IOException e) {
            closeQuietly(channel);
            throw new StoreException("cannot lock the data directory " + dataDirectory + ": " + e.getMessage(), e);
        }
        closeQuietly(channel);
        throw new StoreException(
                "the data directory " + dataDirectory.toAbsolutePath().normalize()
                        + " is in use by another server; give each server its own DATA_DIR");
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // the lock was not taken; nothing else to undo
        }
    }

    /**
     * Opens (creating or migrating as needed) the store in {@code dataDirectory}.
     *
     * @throws StoreException if the directory is in use by another process or store, or cannot be opened
     */
    public static SqliteStores open(Path dataDirectory, Durability durability) {
        return open(dataDirectory, durability, Journal.Backlog.DEFAULT);
    }

    /** Opens the store with a journal backlog of its own, for tests in this package. */
    static SqliteStores open(Path dataDirectory, Durability durability, Journal.Backlog backlog) {
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        Objects.requireNonNull(durability, "durability");
        return new SqliteStores(dataDirectory, durability, backlog);
    }

    /** The main database, for tests in this package that need to hold up its writer. */
    Database database() {
        return db;
    }

    /** The store ports, for the core. */
    public Stores stores() {
        return stores;
    }

    /** The scheduled messages, in the same database. */
    public ScheduledMessages scheduledMessages() {
        return scheduledMessages;
    }

    /** Whether the database answers a trivial query, for the health endpoint. */
    public boolean isHealthy() {
        return db.isHealthy();
    }

    /**
     * Returns once every message acknowledged before the call is in the message tables, not only in the journal
     * (reads see acknowledged messages either way; this is for measuring what the tables keep up with).
     */
    public void awaitTables() {
        db.barrier();
    }

    /** Commits what is queued, closes the database and gives up the data directory. */
    @Override
    public void close() {
        journal.close();
        db.close();
        closeQuietly(ownership.channel());
    }
}
