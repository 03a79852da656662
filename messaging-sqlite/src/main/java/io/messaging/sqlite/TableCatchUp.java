package io.messaging.sqlite;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Brings the message tables up to the journal, inside the main writer's transactions: each group the writer commits
 * starts by writing every acknowledged message the tables do not hold yet, in journal order, so under load one
 * transaction takes many journal groups at once and changes each page once for all of them, and the writes that
 * follow in the same transaction (edits, receipts) find every message a reader could have seen. The tables record
 * the journal position they hold everything up to in the same transaction, so a failed transaction is simply taken
 * up again by the next one, and an entry is never written twice.
 */
final class TableCatchUp {
    private final UnappliedMessages unapplied;
    private final MessageTables tables;
    /** The journal position the tables are known to hold everything up to. */
    private volatile long appliedThrough;
    /** Whether the journal asked for a group of the writer that has not started yet. */
    private final AtomicBoolean groupAsked = new AtomicBoolean();

    TableCatchUp(UnappliedMessages unapplied, MessageTables tables) {
        this.unapplied = unapplied;
        this.tables = tables;
    }

    /** Starts from what the tables held when the store opened. */
    void startFrom(long position) {
        appliedThrough = position;
    }

    /** The journal position the tables hold every entry up to, as of the last commit. */
    long appliedThrough() {
        return appliedThrough;
    }

    /**
     * Marks that a group of the writer is wanted; true if none was asked for since the last group started, so the
     * caller asks the writer for one.
     */
    boolean askForGroup() {
        return groupAsked.compareAndSet(false, true);
    }

    /** Forgets the ask (it could not be made): the next journal group asks again. */
    void cancelAsk() {
        groupAsked.set(false);
    }

    /**
     * At the start of each of the writer's transactions: writes every unapplied entry the tables do not hold yet
     * into them. What the tables hold is read in the transaction, so a rolled-back group leaves nothing behind that
     * the next one would skip.
     */
    void writeUnapplied(Connection connection) throws SQLException {
        groupAsked.set(false);
        if (unapplied.isEmpty()) {
            return;
        }
        List<JournalEntry> waiting = unapplied.after(tables.appliedThrough(connection));
        if (!waiting.isEmpty()) {
            tables.insert(connection, waiting);
        }
    }

    /**
     * After each commit of the writer: the entries the tables now hold stop being unapplied. A failure to look is
     * ignored: the next commit looks again and sees it all.
     */
    void committed(Connection connection) {
        if (unapplied.isEmpty()) {
            return;
        }
        try {
            long through = tables.appliedThrough(connection);
            if (through > appliedThrough) {
                appliedThrough = through;
                unapplied.removeThrough(through);
            }
        } catch (SQLException | RuntimeException e) {
            // the next commit's look sees it all
        }
    }
}
