package io.messaging.sqlite;

import io.messaging.core.port.out.StoreException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * How the main writer commits a group of writes, on the writer thread: one transaction that first writes the
 * acknowledged messages the tables do not hold yet ({@link TableCatchUp}), then the group's writes, then the deferred
 * work that is due; after the commit, the caught-up messages stop being pending and every caller is answered.
 */
final class GroupCommitter implements GroupCommitLoop.Committer<Database.Write<?>> {
    private final Connection writer;
    private final TableCatchUp catchUp;
    private final List<Database.DeferredWrite> deferred;
    private final Checkpointer checkpointer;
    /** The writer thread's statement for BEGIN, COMMIT, ROLLBACK and savepoints. */
    private Statement writerStatement;

    GroupCommitter(
            Connection writer, TableCatchUp catchUp, List<Database.DeferredWrite> deferred, Checkpointer checkpointer) {
        this.writer = writer;
        this.catchUp = catchUp;
        this.deferred = List.copyOf(deferred);
        this.checkpointer = checkpointer;
    }

    /**
     * Commits a group in one transaction. The group's writes first run in one savepoint (the common case, where
     * nothing fails); if any fails, they are rolled back to it and run again each in a savepoint of its own, so only
     * the failing writes fail. If the catch-up fails, the whole group fails and is rolled back.
     */
    @Override
    public void commit(List<Database.Write<?>> group) {
        var results = new ArrayList<Object>(group.size());
        var failures = new ArrayList<Throwable>(group.size());
        try {
            begin();
            catchUp.writeUnapplied(writer);
            if (!runAll(group, results, failures)) {
                for (Database.Write<?> write : group) {
                    runInSavepoint(write, results, failures);
                }
            }
            runDeferred(false);
            execute("COMMIT");
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly();
            var failure = new StoreException("commit failed: " + e.getMessage(), e);
            group.forEach(write -> write.done().completeExceptionally(failure));
            return;
        }
        catchUp.committed(writer);
        checkpointer.restartIfDue(writer);
        for (int i = 0; i < group.size(); i++) {
            complete(group.get(i), results.get(i), failures.get(i));
        }
    }

    /** With no write waiting, does the deferred work that is due in a transaction of its own. */
    @Override
    public void idle() {
        if (deferred.stream().noneMatch(work -> work.isDue(true))) {
            return;
        }
        try {
            begin();
            runDeferred(true);
            execute("COMMIT");
        } catch (SQLException e) {
            rollbackQuietly();
        }
    }

    /** Runs every write in one savepoint; false (the savepoint rolled back, the lists cleared) if any failed. */
    private boolean runAll(List<Database.Write<?>> group, List<Object> results, List<Throwable> failures)
            throws SQLException {
        execute("SAVEPOINT writes");
        try {
            for (Database.Write<?> write : group) {
                results.add(write.work().run(writer));
                failures.add(null);
            }
            execute("RELEASE writes");
            return true;
        } catch (SQLException | RuntimeException e) {
            execute("ROLLBACK TO writes");
            execute("RELEASE writes");
            results.clear();
            failures.clear();
            return false;
        }
    }

    private void runInSavepoint(Database.Write<?> write, List<Object> results, List<Throwable> failures)
            throws SQLException {
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
        execute("SAVEPOINT attempt");
        try {
            Object result = work.run(writer);
            execute("RELEASE attempt");
            return new Attempt(result, null);
        } catch (SQLException | RuntimeException e) {
            execute("ROLLBACK TO attempt");
            execute("RELEASE attempt");
            return new Attempt(null, e);
        }
    }

    /**
     * Runs the deferred work that is due, each in its own savepoint: work that fails is undone and tried again later,
     * and never costs the writes of the group it ran with.
     */
    private void runDeferred(boolean idle) throws SQLException {
        for (Database.DeferredWrite work : deferred) {
            if (work.isDue(idle)) {
                inSavepoint(connection -> {
                    work.run(connection);
                    return null;
                });
            }
        }
    }

    /**
     * Starts the writer's transaction holding the write lock from the first statement on (waiting for it like any
     * lock), so a group that reads before it writes never finds the lock taken by a checkpoint half-way through.
     */
    private void begin() throws SQLException {
        execute("BEGIN IMMEDIATE");
    }

    private void execute(String command) throws SQLException {
        if (writerStatement == null) {
            writerStatement = writer.createStatement();
        }
        writerStatement.execute(command);
    }

    @SuppressWarnings("unchecked")
    private static <T> void complete(Database.Write<T> write, Object result, Throwable failure) {
        if (failure != null) {
            write.done().completeExceptionally(failure);
        } else {
            write.done().complete((T) result);
        }
    }

    private void rollbackQuietly() {
        try {
            execute("ROLLBACK");
        } catch (SQLException ignored) {
            // the connection is unusable anyway; the callers already get the commit failure
        }
    }
}
