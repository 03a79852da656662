package io.messaging.sqlite;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One thread that takes queued requests in groups, as many as are waiting up to a maximum, and hands each group to
 * one commit: the group commit of both the journal and the main writer. Requests queued before {@link #close} are
 * all committed; the thread then stops.
 *
 * @param <R> what is queued
 */
final class GroupCommitLoop<R> implements AutoCloseable {

    /** What the loop's thread does with each group, and while nothing is queued. */
    interface Committer<R> {
        /** Commits the group (in queue order) and answers each of its requests, failures included. */
        void commit(List<R> group) throws InterruptedException;

        /** Runs when nothing was queued for a while (a tenth of a second), on the loop's thread. */
        default void idle() {}
    }

    private final BlockingQueue<R> queue = new LinkedBlockingQueue<>();
    private final int maxGroup;
    private final Committer<R> committer;
    private final Thread thread;
    private volatile boolean closed;

    /** Starts the loop's thread, named {@code threadName}. */
    GroupCommitLoop(String threadName, int maxGroup, Committer<R> committer) {
        this.maxGroup = maxGroup;
        this.committer = committer;
        this.thread = new Thread(this::run, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    /** Queues a request for a coming group; false (and not queued) once the loop is closed. */
    boolean submit(R request) {
        if (closed) {
            return false;
        }
        queue.add(request);
        return true;
    }

    boolean isClosed() {
        return closed;
    }

    private void run() {
        var group = new ArrayList<R>(maxGroup);
        while (!closed || !queue.isEmpty()) {
            try {
                R first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    committer.idle();
                    continue;
                }
                group.add(first);
                queue.drainTo(group, maxGroup - 1);
                committer.commit(group);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                group.clear();
            }
        }
    }

    /**
     * Stops taking requests, waits (up to 10 s) for the thread to commit what is queued, and returns what it left: a
     * request that came too late, which the caller fails.
     */
    List<R> closeAndDrain() {
        closed = true;
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        var left = new ArrayList<R>();
        queue.drainTo(left);
        return left;
    }

    @Override
    public void close() {
        closeAndDrain();
    }
}
