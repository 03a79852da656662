package io.messaging.sqlite;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The full-text index of the messages, kept up by the main writer as deferred work: new messages enter it in
 * batches, once enough are waiting or when the writer is idle, and a search first has the writer catch it up, so it
 * always sees every acknowledged message.
 */
final class SearchIndex implements Database.DeferredWrite {
    /** New messages are indexed for search once this many are waiting, or as soon as the writer is idle. */
    private static final int BATCH = 2_000;

    private final Statements statements;
    /** Messages written into the tables since the last indexing run; touched only on the writer thread. */
    private int waiting;

    SearchIndex(Statements statements) {
        this.statements = statements;
    }

    /** Counts messages just written into the tables, on the writer thread. */
    void added(int messages) {
        waiting += messages;
    }

    @Override
    public boolean isDue(boolean idle) {
        return waiting >= BATCH || (idle && waiting > 0);
    }

    @Override
    public void run(Connection connection) throws SQLException {
        catchUp(connection);
    }

    /**
     * Adds every message appended since the last run to the full-text index in one statement, which costs far less
     * per message than one index insert per append; when nothing is waiting it changes no page, so the search that
     * calls it first adds nothing to the commit. Edits and deletes of indexed messages update the index at once
     * (by trigger); those of messages still waiting need nothing, as they are indexed with their content of then.
     * Encrypted messages have no content and never enter the index.
     */
    void catchUp(Connection connection) throws SQLException {
        statements
                .on(
                        connection,
                        "INSERT INTO messages_fts (rowid, content) SELECT rowid, content FROM messages "
                                + "WHERE rowid > (SELECT indexed_through FROM search_progress) AND deleted = 0 "
                                + "AND content IS NOT NULL")
                .executeUpdate();
        statements
                .on(
                        connection,
                        "UPDATE search_progress SET indexed_through = latest FROM "
                                + "(SELECT coalesce(max(rowid), 0) AS latest FROM messages) WHERE indexed_through < latest")
                .executeUpdate();
        waiting = 0;
    }
}
