package io.messaging.sqlite;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A thread that copies a WAL database's committed log pages back into the database beside its writer instead of
 * inside the writer's commits, on a connection of its own: every {@value #EVERY_MILLIS} ms a passive checkpoint,
 * which never blocks the writer, so commits only append to the log and the copying and its fsync run beside them.
 * A log is started over only when a writer finds it wholly copied back, which a busy writer may never do, so once
 * the log holds a given number of pages it is started over by a restart checkpoint, which holds up new commits only
 * for the pages not yet copied.
 * The writer's connection must have {@code wal_autocheckpoint} off.
 */
final class Checkpointer implements AutoCloseable {
    private static final long EVERY_MILLIS = 1000;
    private final Path file;
    private final boolean fsyncEveryCommit;
    /** Log pages after which the log is started over even if that briefly holds up the writer. */
    private final int restartLogPages;
    private final Thread thread;

    /**
     * Starts checkpointing the database in {@code file} on a thread of the given name, starting the log over once it
     * holds {@code restartLogPages}.
     */
    Checkpointer(Path file, boolean fsyncEveryCommit, int restartLogPages, String threadName) {
        this.file = file;
        this.fsyncEveryCommit = fsyncEveryCommit;
        this.restartLogPages = restartLogPages;
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
                    int logPages = checkpoint(statement, "PASSIVE");
                    if (logPages >= restartLogPages) {
                        checkpoint(statement, "RESTART");
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
