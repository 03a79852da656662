package io.messaging.sqlite;

import io.messaging.core.port.out.Stores;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The embedded default store: one SQLite database (WAL, single writer with group commit, FTS5) and the attachment
 * files, in one data directory. Open it once per process and close it at shutdown.
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
    private final Database db;
    private final Stores stores;

    private SqliteStores(Path dataDirectory, Durability durability) {
        this.db = new Database(dataDirectory.resolve("messaging.db"), durability == Durability.POWER_LOSS);
        var conversations = new ConversationCache(CACHED_CONVERSATIONS);
        var messages = new SqliteMessages(db, conversations);
        this.stores = new Stores(new SqliteUsers(db), new SqliteConversations(db, conversations), messages, messages,
                new SqliteAttachments(db, dataDirectory.resolve("attachments")), new SqliteOneTimeTokens(db));
    }

    /** Opens (creating or migrating as needed) the store in {@code dataDirectory}. */
    public static SqliteStores open(Path dataDirectory, Durability durability) {
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        Objects.requireNonNull(durability, "durability");
        return new SqliteStores(dataDirectory, durability);
    }

    /** The store ports, for the core. */
    public Stores stores() {
        return stores;
    }

    /** Whether the database answers a trivial query, for the health endpoint. */
    public boolean isHealthy() {
        return db.isHealthy();
    }

    /** Commits what is queued and closes the database. */
    @Override
    public void close() {
        db.close();
    }
}
