package io.messaging.sqlite;

import io.messaging.core.port.out.StoreException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * One SQLite database in WAL mode: a single writer thread that commits queued writes in groups (each caller
 * returns only once its group is committed, see {@link GroupCommitter}), a small pool of reader connections that
 * never wait for it, and a {@link Checkpointer} that copies the log back into the database beside the writer instead
 * of inside its commits. Its schema is brought up to date by {@link Migrations#TABLES} on opening.
 */
final class Database implements AutoCloseable {
    private static final int READERS = 4;
    private static final int MAX_GROUP = 512;
    /**
     * Log pages (256 MiB) after which the log is started over: the writer's transactions are large, and restarting
     * sooner had it waiting for restart checkpoints.
     */
    private static final int RESTART_LOG_PAGES = 65_536;

    /** Work queued for the writer, and what its caller waits on. */
    record Write<T>(Sql<T> work, CompletableFuture<T> done) {}

    /** Work the writer defers: done inside a group's transaction after the group's writes, or alone when idle. */
    interface DeferredWrite {
        /** Whether there is work due; {@code idle} when no write is waiting. */
        boolean isDue(boolean idle);

        /** Does the work that is due. */
        void run(Connection connection) throws SQLException;
    }

    private final Path file;
    private final boolean fsyncEveryCommit;
    private final Statements statements;
    private final BlockingQueue<Connection> readers = new ArrayBlockingQueue<>(READERS);
    private final Connection writer;
    private final Checkpointer checkpointer;
    private final GroupCommitLoop<Write<?>> writes;

    /**
     * Opens the database, created and brought up to date by {@link Migrations#TABLES} beforehand; every group the
     * writer commits starts by writing what {@code catchUp} holds into the tables, and ends with the {@code deferred}
     * work that is due.
     */
    Database(
            Path file,
            boolean fsyncEveryCommit,
            Statements statements,
            TableCatchUp catchUp,
            List<DeferredWrite> deferred) {
        this.file = file;
        this.fsyncEveryCommit = fsyncEveryCommit;
        this.statements = statements;
        try {
            writer = connect(file, fsyncEveryCommit);
            for (int i = 0; i < READERS; i++) {
                readers.add(connect(file, fsyncEveryCommit));
            }
            checkpointer = new Checkpointer(writer, file, fsyncEveryCommit, RESTART_LOG_PAGES, "sqlite-checkpointer");
        } catch (SQLException e) {
            throw new StoreException("cannot open the database at " + file + ": " + e.getMessage(), e);
        }
        writes = new GroupCommitLoop<>(
                "sqlite-writer", MAX_GROUP, new GroupCommitter(writer, catchUp, deferred, checkpointer));
    }

    /** A connection of its own to this database, for a thread that reads beside the pool; its owner closes it. */
    Connection openConnection() throws SQLException {
        return connect(file, fsyncEveryCommit);
    }

    /** Opens a connection to the SQLite database in {@code file}, in WAL mode, synchronous as asked. */
    static Connection connect(Path file, boolean fsyncEveryCommit) throws SQLException {
        var properties = new Properties();
        // The driver otherwise runs "SELECT last_insert_rowid()" as a new statement after every INSERT, for
        // getGeneratedKeys, which nothing here uses; on the writer that was a statement prepared per append.
        properties.setProperty("jdbc.get_generated_keys", "false");
        Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), properties);
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA journal_mode=WAL");
            statement.execute("PRAGMA synchronous=" + (fsyncEveryCommit ? "FULL" : "NORMAL"));
            statement.execute("PRAGMA busy_timeout=10000");
            statement.execute("PRAGMA foreign_keys=OFF");
            statement.execute("PRAGMA cache_size=-131072");
            statement.execute("PRAGMA mmap_size=268435456");
        }
        return connection;
    }

    /** A statement prepared once on this connection and kept open (see {@link Statements#on}). */
    PreparedStatement statement(Connection connection, String sql) throws SQLException {
        return statements.on(connection, sql);
    }

    /** Closes and forgets the statements kept for a connection its owner is about to close. */
    void forget(Connection connection) {
        statements.forget(connection);
    }

    /** Runs {@code work} on a reader connection (autocommit; a consistent snapshot per statement). */
    <T> T read(Sql<T> work) {
        Connection connection;
        try {
            connection = readers.poll(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting for a reader", e);
        }
        if (connection == null) {
            throw new StoreException("no reader connection became free in 30 s");
        }
        try {
            return work.run(connection);
        } catch (SQLException e) {
            throw new StoreException("read failed: " + e.getMessage(), e);
        } finally {
            readers.add(connection);
        }
    }

    /**
     * Queues {@code work} for the writer and waits until the group it ran in is committed. Work that throws is
     * rolled back alone (to its savepoint); the rest of its group still commits.
     */
    <T> T write(Sql<T> work) {
        return await(writeAsync(work), "a commit");
    }

    /**
     * Queues {@code work} for the writer without waiting; the future completes, on the writer thread, once the
     * group it ran in is committed (or with the failure).
     */
    <T> CompletableFuture<T> writeAsync(Sql<T> work) {
        var write = new Write<>(work, new CompletableFuture<T>());
        if (!writes.submit(write)) {
            throw new StoreException("the store is closed");
        }
        return write.done();
    }

    /** Returns once everything queued for the writer before this call is committed. */
    void barrier() {
        write(connection -> null);
    }

    /** Waits for {@code done} and returns its result, rethrowing its failure as a StoreException. */
    static <T> T await(CompletableFuture<T> done, String what) {
        try {
            return done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting for " + what, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof StoreException store) {
                throw store;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new StoreException("write failed: " + cause.getMessage(), cause);
        }
    }

    /** Whether a trivial read answers. */
    boolean isHealthy() {
        try {
            return !writes.isClosed()
                    && read(connection -> {
                        try (Statement statement = connection.createStatement();
                                var rows = statement.executeQuery("SELECT 1")) {
                            return rows.next();
                        }
                    });
        } catch (StoreException e) {
            return false;
        }
    }

    /** Finishes queued writes, then closes every connection (checkpointing the WAL). */
    @Override
    public void close() {
        checkpointer.close();
        var late = new StoreException("the store is closed");
        writes.closeAndDrain().forEach(write -> write.done().completeExceptionally(late));
        statements.closeAll();
        for (Connection connection : readers) {
            closeQuietly(connection);
        }
        closeQuietly(writer);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // closing at shutdown: nothing left to do with a failure
        }
    }
}
