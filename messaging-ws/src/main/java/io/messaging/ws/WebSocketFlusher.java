package io.messaging.ws;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * The one thread that writes queued frames to WebSocket connections. A session with frames to send is scheduled
 * here once, however many frames it gets meanwhile, and then writes all of them in one write: under load a
 * connection's acknowledgements and events of many messages leave in one system call, and the threads that
 * commit messages never wait on a socket.
 */
final class WebSocketFlusher implements AutoCloseable {
    private final ConcurrentLinkedQueue<EngineSession> ready = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean idle = new AtomicBoolean();
    private final Thread thread;
    private volatile boolean running = true;

    WebSocketFlusher() {
        thread = new Thread(this::run, "websocket-flusher");
        thread.setDaemon(true);
        thread.start();
    }

    /** Has the session's queued frames written soon; a session already waiting is not queued twice. */
    void schedule(EngineSession session) {
        if (session.markScheduled()) {
            ready.add(session);
            if (idle.get() && idle.compareAndSet(true, false)) {
                LockSupport.unpark(thread);
            }
        }
    }

    private void run() {
        while (running || !ready.isEmpty()) {
            EngineSession session = ready.poll();
            if (session == null) {
                idle.set(true);
                if (ready.isEmpty() && running) {
                    LockSupport.park(this);
                }
                idle.set(false);
                continue;
            }
            try {
                session.writeQueued();
            } catch (RuntimeException e) {
                session.close("transport error", false);
            }
        }
    }

    /** Stops once the sessions already scheduled are written, waiting a moment for that. */
    @Override
    public void close() {
        running = false;
        LockSupport.unpark(thread);
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
