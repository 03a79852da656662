package io.messaging.sqlite;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Copies a WAL database's committed log pages back into the database beside its single writer instead of inside
 * the writer's commits. A thread of its own, on a connection of its own, runs a passive checkpoint every
 * {@value #EVERY_MILLIS} ms, which never blocks the writer, so commits only append to the log and the copying and
 * its fsync run beside them. The log starts over only once a writer finds it wholly copied back, which a writer that
 * commits back to back never does, and a checkpoint that waits for a gap between its transactions may wait in vain;
 * so once the log holds a given number of pages, the writer itself starts it over between two transactions
 * ({@link #restartIfDue}), which costs it only the pages not yet copied, and the file is cut back to that size.
 */
final class Checkpointer implements AutoCloseable {
    private static final long EVERY_MILLIS = 1000;
    private static final int PAGE_BYTES = 4096;
    private final Path file;
    private final boolean fsyncEveryCommit;
    /** Log pages after which the writer starts the log over. */
    private final int restartLogPages;

    private final Thread thread;
    private volatile boolean restartDue;

    /**
     * Turns the writer's own checkpoints off and starts checkpointing the database in {@code file} on a thread of
     * the given name; once the log holds {@code restartLogPages}, {@link #restartIfDue} starts it over.
     */
    Checkpointer(Connection writer, Path file, boolean fsyncEveryCommit, int restartLogPages, String threadName)
            throws SQLException {
        this.file = file;
        this.fsyncEveryCommit = fsyncEveryCommit;
        this.restartLogPages = restartLogPages;
        try (Statement statement = writer.createStatement()) {
            statement.execute("PRAGMA wal_autocheckpoint=0");
            statement.execute("PRAGMA journal_size_limit=" + (long) restartLogPages * PAGE_BYTES);
        }
        thread = new Thread(this::run, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try (Connection connection = Database.connect(file, fsyncEveryCommit);
                Statement statement = connection.createStatement()) {
            while (!Thread.currentThread().isInterrupted()) {
                Thread.sleep(EVERY_MILLIS);
                try {
                    if (checkpoint(statement, "PASSIVE") >= restartLogPages) {
                        restartDue = true;
                    }
                } catch (SQLException e) {
                    // busy: the next round copies what this one could not
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (SQLException e) {
            // no connection of its own: closing the database's last connection still checkpoints the whole log
        }
    }

    /**
     * On the writer's thread, between two of its transactions: starts the log over if it has grown past its limit,
     * copying back what the passive checkpoints have not yet (a failure leaves it for the next time it is due).
     */
    void restartIfDue(Connection writer) {
        if (!restartDue) {
            return;
        }
        restartDue = false;
        try (Statement statement = writer.createStatement()) {
            checkpoint(statement, "RESTART");
        } catch (SQLException e) {
            // a reader held on past the busy timeout: the next passive round finds the log still long
        }
    }

    /** Runs one checkpoint in {@code mode} and returns the number of pages in the log. */
    private static int checkpoint(Statement statement, String mode) throws SQLException {
        try (var result = statement.executeQuery("PRAGMA wal_checkpoint(" + mode + ")")) {
            return result.next() ? result.getInt(2) : 0;
        }
    }

    /** Stops checkpointing; the database's last connection to close copies back the rest of the log. */
    @Override
    public void close() {
        thread.interrupt();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
