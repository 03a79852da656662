package io.messaging.sqlite;

import io.messaging.core.port.out.StoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One SQLite database in WAL mode: a single writer thread that commits queued writes in groups (each caller
 * returns only once its group is committed), a small pool of reader connections that never wait for it, and a
 * {@link Checkpointer} that copies the log back into the database beside the writer instead of inside its commits.
 */
final class Database implements AutoCloseable {
    private static final int READERS = 4;
    private static final int MAX_GROUP = 512;
    /**
     * Log pages (256 MiB) after which the log is started over: the writer's transactions are large, and restarting
     * sooner had it waiting for restart checkpoints.
     */
    private static final int RESTART_LOG_PAGES = 65_536;

    private record Write<T>(Sql<T> work, CompletableFuture<T> done) {}

    private final Path file;
    private final boolean fsyncEveryCommit;
    private final BlockingQueue<Connection> readers = new ArrayBlockingQueue<>(READERS);
    private final BlockingQueue<Write<?>> writes = new LinkedBlockingQueue<>();
    private final Connection writer;
    /**
     * Statements prepared once per connection and kept open. A connection is used by one thread at a time (the
     * writer thread, or the borrower of a reader), so each map is too.
     */
    private final Map<Connection, Map<String, PreparedStatement>> statements = new ConcurrentHashMap<>();

    private final Thread writerThread;
    private final Checkpointer checkpointer;
    /** The writer thread's statement for BEGIN, COMMIT and ROLLBACK. */
    private Statement writerStatement;

    private final List<Upkeep> upkeeps = new CopyOnWriteArrayList<>();
    private volatile GroupHooks hooks = NO_HOOKS;
    private volatile boolean closed;

    /**
     * What another part of the store does with every group of the writer: work at the start of the group's
     * transaction, before its writes (so they see what it wrote), and a look after each commit, on the writer
     * thread outside any transaction. If the work before the writes fails, the whole group fails and is rolled back.
     */
    interface GroupHooks {
        /** Runs at the start of each group's transaction (again if the group is run a second time). */
        void beforeWrites(Connection connection) throws SQLException;

        /** Runs after each commit of a group; a failure here is ignored, and the next commit's call sees it all. */
        void afterCommit(Connection connection) throws SQLException;
    }

    private static final GroupHooks NO_HOOKS = new GroupHooks() {
        @Override
        public void beforeWrites(Connection connection) {}

        @Override
        public void afterCommit(Connection connection) {}
    };

    /** Deferred work the writer does inside a group's transaction, after the group's writes, or alone when idle. */
    interface Upkeep {
        /** Whether there is work due; {@code idle} when no write is waiting. */
        boolean isDue(boolean idle);

        /** Does the work that is due. */
        void run(Connection connection) throws SQLException;
    }

    Database(Path file, boolean fsyncEveryCommit) {
        this.file = file;
        this.fsyncEveryCommit = fsyncEveryCommit;
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Migrations.TABLES.migrate(file);
            writer = open();
            for (int i = 0; i < READERS; i++) {
                readers.add(open());
            }
            checkpointer = new Checkpointer(writer, file, fsyncEveryCommit, RESTART_LOG_PAGES, "sqlite-checkpointer");
        } catch (SQLException | IOException e) {
            throw new StoreException("cannot open the database at " + file + ": " + e.getMessage(), e);
        }
        writerThread = new Thread(this::writeLoop, "sqlite-writer");
        writerThread.setDaemon(true);
        writerThread.start();
    }

    /** Sets what the writer does with every group (see {@link GroupHooks}); one set per database. */
    void setGroupHooks(GroupHooks groupHooks) {
        hooks = groupHooks;
    }

    /** Registers deferred work for the writer (see {@link Upkeep}). */
    void addUpkeep(Upkeep upkeep) {
        upkeeps.add(upkeep);
    }

    private Connection open() throws SQLException {
        return connect(file, fsyncEveryCommit);
    }

    /** A connection of its own to this database, for a thread that reads beside the pool; its owner closes it. */
    Connection openConnection() throws SQLException {
        return open();
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

    /**
     * A statement prepared once on this connection and kept open: callers bind, execute and close its result sets,
     * never the statement itself.
     */
    PreparedStatement statement(Connection connection, String sql) throws SQLException {
        var cache = statements.computeIfAbsent(connection, key -> new HashMap<>());
        PreparedStatement statement = cache.get(sql);
        if (statement == null) {
            statement = connection.prepareStatement(sql);
            cache.put(sql, statement);
        }
        return statement;
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
        if (closed) {
            throw new StoreException("the store is closed");
        }
        var write = new Write<>(work, new CompletableFuture<T>());
        writes.add(write);
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

    /** Closes and forgets the statements kept for a connection its owner is about to close. */
    void forget(Connection connection) {
        var cache = statements.remove(connection);
        if (cache != null) {
            cache.values().forEach(Database::closeQuietly);
        }
    }

    private void writeLoop() {
        var group = new ArrayList<Write<?>>(MAX_GROUP);
        while (!closed || !writes.isEmpty()) {
            try {
                Write<?> first = writes.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    upkeepWhileIdle();
                    continue;
                }
                group.add(first);
                writes.drainTo(group, MAX_GROUP - 1);
                commitGroup(group);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                group.clear();
            }
        }
    }

    /**
     * Commits a group in one transaction, after the {@link GroupHooks#beforeWrites} work. The group's writes first
     * run in one savepoint (the common case, where nothing fails); if any fails, they are rolled back to it and run
     * again each in a savepoint of its own, so only the failing writes fail.
     */
    private void commitGroup(List<Write<?>> group) {
        var results = new ArrayList<Object>(group.size());
        var failures = new ArrayList<Throwable>(group.size());
        try {
            begin();
            hooks.beforeWrites(writer);
            if (!runAll(group, results, failures)) {
                for (Write<?> write : group) {
                    runInSavepoint(write, results, failures);
                }
            }
            runUpkeep(false);
            finish("COMMIT");
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly();
            var failure = new StoreException("commit failed: " + e.getMessage(), e);
            group.forEach(write -> write.done().completeExceptionally(failure));
            return;
        }
        try {
            hooks.afterCommit(writer);
        } catch (SQLException | RuntimeException e) {
            // the next commit's call looks again
        }
        checkpointer.restartIfDue(writer);
        for (int i = 0; i < group.size(); i++) {
            complete(group.get(i), results.get(i), failures.get(i));
        }
    }

    /** Runs every write in one savepoint; false (the savepoint rolled back, the lists cleared) if any failed. */
    private boolean runAll(List<Write<?>> group, List<Object> results, List<Throwable> failures) throws SQLException {
        Statement statement = writerStatement();
        statement.execute("SAVEPOINT writes");
        try {
            for (Write<?> write : group) {
                results.add(write.work().run(writer));
                failures.add(null);
            }
            statement.execute("RELEASE writes");
            return true;
        } catch (SQLException | RuntimeException e) {
            statement.execute("ROLLBACK TO writes");
            statement.execute("RELEASE writes");
            results.clear();
            failures.clear();
            return false;
        }
    }

    private void runInSavepoint(Write<?> write, List<Object> results, List<Throwable> failures) throws SQLException {
        Attempt attempt = inSavepoint(write.work());
        results.add(attempt.result());
        failures.add(
                attempt.failure() instanceof SQLException e
                        ? new StoreException("write failed: " + e.getMessage(), e)
                        : attempt.failure());
    }

    /** What work run in a savepoint returned, or the failure it was undone for. */
    private record Attempt(Object result, Exception failure) {}

    /** Runs {@code work} in a savepoint of the writer's transaction; if it fails, what it did is undone. */
    private Attempt inSavepoint(Sql<?> work) throws SQLException {
        Statement statement = writerStatement();
        statement.execute("SAVEPOINT attempt");
        try {
            Object result = work.run(writer);
            statement.execute("RELEASE attempt");
            return new Attempt(result, null);
        } catch (SQLException | RuntimeException e) {
            statement.execute("ROLLBACK TO attempt");
            statement.execute("RELEASE attempt");
            return new Attempt(null, e);
        }
    }

    private void upkeepWhileIdle() {
        if (upkeeps.stream().noneMatch(upkeep -> upkeep.isDue(true))) {
            return;
        }
        try {
            begin();
            runUpkeep(true);
            finish("COMMIT");
        } catch (SQLException e) {
            rollbackQuietly();
        }
    }

    /**
     * Starts the writer's transaction holding the write lock from the first statement on (waiting for it like any
     * lock), so a group that reads before it writes never finds the lock taken by a checkpoint half-way through.
     */
    private void begin() throws SQLException {
        writerStatement().execute("BEGIN IMMEDIATE");
    }

    private void finish(String command) throws SQLException {
        writerStatement().execute(command);
    }

    private Statement writerStatement() throws SQLException {
        if (writerStatement == null) {
            writerStatement = writer.createStatement();
        }
        return writerStatement;
    }

    /**
     * Runs the upkeep, each in its own savepoint: upkeep that fails is undone and tried again later, and never costs
     * the writes of the group it ran with.
     */
    private void runUpkeep(boolean idle) throws SQLException {
        for (Upkeep upkeep : upkeeps) {
            if (!upkeep.isDue(idle)) {
                continue;
            }
            inSavepoint(connection -> {
                upkeep.run(connection);
                return null;
            });
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> void complete(Write<T> write, Object result, Throwable failure) {
        if (failure != null) {
            write.done().completeExceptionally(failure);
        } else {
            write.done().complete((T) result);
        }
    }

    private void rollbackQuietly() {
        try {
            finish("ROLLBACK");
        } catch (SQLException ignored) {
            // the connection is unusable anyway; the callers already get the commit failure
        }
    }

    /** Whether a trivial read answers. */
    boolean isHealthy() {
        try {
            return !closed
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
        closed = true;
        checkpointer.close();
        try {
            writerThread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        statements.values().forEach(cache -> cache.values().forEach(Database::closeQuietly));
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
