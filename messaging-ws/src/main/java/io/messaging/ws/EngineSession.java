package io.messaging.ws;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.glassfish.grizzly.IOEvent;
import org.glassfish.grizzly.http.server.Response;
import org.glassfish.tyrus.spi.CompletionHandler;
import org.glassfish.tyrus.spi.Writer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

// Over 300 lines because it is one Engine.IO session's state: both transports, the upgrade, heartbeats and the outbound
// queue.
/**
 * One Engine.IO session: its transport (long-polling, then perhaps WebSocket), its heartbeat, and one serial,
 * bounded outbound queue. No lock is held across a write or a callback; closing is idempotent and may happen on
 * any thread, including one inside a failing write.
 */
final class EngineSession {
    private static final Logger LOG = LoggerFactory.getLogger(EngineSession.class);
    static final char SEPARATOR = '\u001e';
    /** Marks a binary message sent base64-encoded over polling, in place of a packet type. */
    private static final char BASE64_BINARY = 'b';
    /** The most bytes of queued frames put into one write (a larger single frame still goes out whole). */
    private static final int MAX_WRITE = 256 * 1024;

    private static final int BACKLOG_FACTOR = 16;

    private enum Transport {
        POLLING,
        WEBSOCKET
    }

    final String id;
    final Handshake handshake;
    private final EngineServer server;
    private final SocketConnection socket;
    private final ConcurrentLinkedQueue<Frame> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicBoolean sending = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Set when a closed session still writes what was queued before it closed, then its close packet. */
    private volatile boolean draining;

    private final AtomicBoolean webSocketClosed = new AtomicBoolean();
    private volatile String closeReason;
    private volatile ScheduledFuture<?> drainDeadline;
    private final Object pollLock = new Object();
    private Response pendingPoll;
    private boolean pendingPollCameAfterClaim;
    private volatile Transport transport;
    private volatile Session webSocket;
    private volatile Writer frames;
    private final AtomicBoolean scheduled = new AtomicBoolean();
    /** Since when ({@link System#nanoTime}) a write has waited for the client to read; 0 while none waits. */
    private volatile long awaitingClientSince;

    private volatile boolean upgrading;
    /** The claim of the WebSocket that is upgrading this session, from its handshake on. */
    private final AtomicReference<Object> upgradeClaim = new AtomicReference<>();

    private volatile Session upgradeCandidate;
    private volatile ScheduledFuture<?> upgradeTicker;
    private final AtomicBoolean noopForNextPoll = new AtomicBoolean();
    private volatile ScheduledFuture<?> pingTimer;
    /** When the client must have answered the next ping ({@link System#nanoTime()}), however late the timer runs. */
    private volatile long pongDueNanos;

    private volatile ScheduledFuture<?> pongDeadline;

    EngineSession(String id, Handshake handshake, EngineServer server, Session webSocket, Writer frames) {
        this.id = id;
        this.handshake = handshake;
        this.server = server;
        this.transport = webSocket != null ? Transport.WEBSOCKET : Transport.POLLING;
        this.webSocket = webSocket;
        this.frames = frames;
        this.socket = server.newSocket(this);
    }

    SocketConnection socket() {
        return socket;
    }

    boolean isClosed() {
        return closed.get();
    }

    boolean isPolling() {
        return transport == Transport.POLLING;
    }

    /** Starts the heartbeat and the connect deadline; called once the open packet is queued. */
    void start() {
        schedulePing();
        server.scheduler()
                .schedule(
                        () -> {
                            if (!socket.isConnected()) {
                                close("connect timeout", true);
                            }
                        },
                        server.options().connectTimeout().toMillis(),
                        TimeUnit.MILLISECONDS);
    }

    private void schedulePing() {
        if (closed.get()) {
            return;
        }
        pongDueNanos = System.nanoTime()
                + server.options().pingInterval().toNanos()
                + server.options().pingTimeout().toNanos();
        pingTimer = server.scheduler()
                .schedule(
                        () -> {
                            // the deadline is set before the ping goes out, so that a pong answering at once finds it
                            // to cancel
                            pongDeadline = server.scheduler()
                                    .schedule(
                                            () -> close("ping timeout", false),
                                            server.options().pingTimeout().toMillis(),
                                            TimeUnit.MILLISECONDS);
                            send(Frame.of(EnginePacketType.PING.encode()));
                        },
                        server.options().pingInterval().toMillis(),
                        TimeUnit.MILLISECONDS);
    }

    /** Handles one Engine.IO text packet from the client. */
    void receive(String packet) {
        if (closed.get()) {
            return;
        }
        if (packet.isEmpty()) {
            close("parse error", false);
            return;
        }
        if (packet.charAt(0) == BASE64_BINARY) {
            receiveBinary(packet.substring(1));
            return;
        }
        var type = EnginePacketType.of(packet.charAt(0));
        if (type.isEmpty()) {
            close("parse error", false);
            return;
        }
        switch (type.get()) {
            case PONG -> {
                ScheduledFuture<?> deadline = pongDeadline;
                if (deadline != null) {
                    deadline.cancel(false);
                }
                schedulePing();
            }
            case MESSAGE -> socket.onText(packet.substring(1));
            case CLOSE -> closeOnClientRequest();
            case NOOP -> {
                // noop: nothing to do
            }
            default -> close("parse error", false);
        }
    }

    /**
     * The client's close packet. Over polling, its POST may overtake the client's poll on another connection: if no
     * poll is held, the session stays findable for a moment, so that poll is still ended with a noop.
     */
    private void closeOnClientRequest() {
        boolean pollHeld;
        synchronized (pollLock) {
            pollHeld = pendingPoll != null;
        }
        if (transport == Transport.POLLING && !pollHeld) {
            noopForNextPoll.set(true);
            server.keepClosedAWhile(this);
        }
        close("transport close", false);
    }

    private void receiveBinary(String base64) {
        try {
            socket.onBinary(Base64.getDecoder().decode(base64));
        } catch (IllegalArgumentException e) {
            close("parse error", false);
        }
    }

    /** Handles one binary WebSocket frame (an attachment of a binary Socket.IO packet). */
    void receiveBinary(byte[] bytes) {
        if (!closed.get()) {
            socket.onBinary(bytes);
        }
    }

    /**
     * Queues a frame. A droppable frame is dropped once the queue is past the soft limit. Past the hard limit, a
     * client that has not read for the heartbeat's timeout is as good as gone, and past {@link #BACKLOG_FACTOR} times
     * the hard limit any client is too slow: the session is closed, so it never holds up anyone else or fills the
     * memory. A burst that only outpaces a reading client for a moment is kept.
     */
    void send(Frame frame) {
        if (closed.get()) {
            return;
        }
        int size = queued.incrementAndGet();
        if (frame.droppable() && size > server.options().queueSoftLimit()) {
            queued.decrementAndGet();
            return;
        }
        int hard = server.options().queueHardLimit();
        if (size > hard
                && (size > hard * BACKLOG_FACTOR
                        || notReadingFor(server.options().pingTimeout().toNanos()))) {
            queued.decrementAndGet();
            LOG.debug("closing session {}: outbound queue full", id);
            close("slow client", false);
            return;
        }
        queue.add(frame);
        flush();
    }

    private boolean notReadingFor(long nanos) {
        long since = awaitingClientSince;
        return since != 0 && System.nanoTime() - since > nanos;
    }

    private void flush() {
        if (transport == Transport.WEBSOCKET && !upgrading) {
            server.flusher().schedule(this);
        } else {
            flushPoll();
        }
    }

    /** Whether the session was not waiting for the flusher yet (and now is). */
    boolean markScheduled() {
        return scheduled.compareAndSet(false, true);
    }

    /**
     * On the flusher's thread: writes every queued frame in one write, unless a write is still under way, whose
     * completion schedules what came meanwhile.
     */
    void writeQueued() {
        scheduled.set(false);
        if ((closed.get() && !draining)
                || transport != Transport.WEBSOCKET
                || upgrading
                || !sending.compareAndSet(false, true)) {
            return;
        }
        ByteBuffer batch = drainFrames();
        if (batch == null) {
            sending.set(false);
            if (!queue.isEmpty()) {
                server.flusher().schedule(this);
            } else if (draining) {
                closeWebSocket();
            }
            return;
        }
        var written = new AtomicBoolean();
        frames.write(batch, new CompletionHandler<>() {
            @Override
            public void completed(ByteBuffer buffer) {
                written.set(true);
                awaitingClientSince = 0;
                sending.set(false);
                if (!queue.isEmpty()) {
                    server.flusher().schedule(EngineSession.this);
                } else if (draining) {
                    closeWebSocket();
                }
            }

            @Override
            public void failed(Throwable error) {
                close("transport error", false);
            }
        });
        if (!written.get() && awaitingClientSince == 0) {
            awaitingClientSince = System.nanoTime();
            if (written.get()) {
                awaitingClientSince = 0;
            }
        }
    }

    /** Up to {@link #MAX_WRITE} bytes of queued frames (at least one frame) as one buffer, or null if none. */
    private ByteBuffer drainFrames() {
        Frame first = queue.poll();
        if (first == null) {
            return null;
        }
        queued.decrementAndGet();
        byte[] firstBytes = first.webSocketFrame();
        Frame next = queue.peek();
        if (next == null) {
            return ByteBuffer.wrap(firstBytes);
        }
        var batch = new ArrayList<byte[]>();
        batch.add(firstBytes);
        int size = firstBytes.length;
        while (next != null && size + next.webSocketFrame().length <= MAX_WRITE && queue.poll() != null) {
            queued.decrementAndGet();
            batch.add(next.webSocketFrame());
            size += next.webSocketFrame().length;
            next = queue.peek();
        }
        ByteBuffer buffer = ByteBuffer.allocate(size);
        batch.forEach(buffer::put);
        return buffer.flip();
    }

    /** Answers the waiting poll, if any, with everything queued. */
    private void flushPoll() {
        Response poll;
        String payload;
        synchronized (pollLock) {
            if (pendingPoll == null || queue.isEmpty()) {
                return;
            }
            poll = pendingPoll;
            pendingPoll = null;
            payload = drainPayload();
        }
        writePoll(poll, payload);
    }

    private String drainPayload() {
        var packets = new ArrayList<String>();
        Frame frame;
        while ((frame = queue.poll()) != null) {
            queued.decrementAndGet();
            packets.add(frame.text());
        }
        return String.join(String.valueOf(SEPARATOR), packets);
    }

    /** A polling GET: answered at once if something is queued, otherwise held until something is. */
    void poll(Response response) {
        if (closed.get() && endOvertakenPoll(response)) {
            return;
        }
        if (!closed.get() && System.nanoTime() - pongDueNanos >= 0) {
            // the pong deadline passed before its timer could run: the session is over, as the timer would say
            close("ping timeout", false);
        }
        if (closed.get() || transport != Transport.POLLING) {
            PollingHandler.error(response, 400, 3, "Bad request");
            return;
        }
        String payload = null;
        synchronized (pollLock) {
            if (closed.get()) {
                payload = noopForNextPoll.compareAndSet(true, false) ? EnginePacketType.NOOP.encode() : "";
                server.forgetClosed(this);
            } else if (pendingPoll != null) {
                payload = "";
            } else if (!queue.isEmpty()) {
                payload = drainPayload();
            } else {
                pendingPoll = response;
                pendingPollCameAfterClaim = upgradeClaim.get() != null;
                response.suspend(
                        server.options().pingInterval().toMillis()
                                + server.options().pingTimeout().toMillis(),
                        TimeUnit.MILLISECONDS,
                        new PollCompletion(this, response),
                        suspended -> {
                            answerHeldPoll(suspended, EnginePacketType.NOOP.encode());
                            return true;
                        });
                // Grizzly stops reading a connection while its request is held; reading on notices the client
                // hanging up (the only thing a polling client sends on that connection before the answer).
                watchForHangUp(response);
            }
        }
        if (payload == null) {
            return;
        }
        if (payload.isEmpty()) {
            PollingHandler.error(response, 400, 3, "Bad request");
            close("transport error", false);
            return;
        }
        writePoll(response, payload);
    }

    /** The client closed the session with a POST that overtook this poll: the poll ends as if it came first. */
    private boolean endOvertakenPoll(Response response) {
        if (!noopForNextPoll.compareAndSet(true, false)) {
            return false;
        }
        server.forgetClosed(this);
        writePoll(response, EnginePacketType.NOOP.encode());
        return true;
    }

    private static void watchForHangUp(Response held) {
        try {
            held.getRequest().getContext().getConnection().enableIOEvent(IOEvent.READ);
        } catch (IOException e) {
            // not watched: the next poll or the heartbeat settles the session
        }
    }

    /**
     * The connection of a held poll went away before it was answered: the client is gone (or will open a new
     * session), so the session closes now, as the reference server does, instead of a heartbeat later.
     */
    void pollDropped(Response dropped) {
        synchronized (pollLock) {
            if (pendingPoll != dropped) {
                return;
            }
            pendingPoll = null;
        }
        close("transport close", false);
    }

    private void answerHeldPoll(Response suspended, String payload) {
        synchronized (pollLock) {
            if (pendingPoll != suspended) {
                return;
            }
            pendingPoll = null;
        }
        writePoll(suspended, payload);
    }

    private void writePoll(Response response, String payload) {
        try {
            PollingHandler.writeText(response, payload);
        } catch (IOException e) {
            close("transport error", false);
        } finally {
            if (response.isSuspended()) {
                response.resume();
            }
        }
    }

    /** Polling POST: the packets of a payload, in order. */
    void receivePayload(String payload) {
        for (String packet : payload.split(String.valueOf(SEPARATOR), -1)) {
            receive(packet);
        }
    }

    /**
     * A WebSocket handshake with this session's id claims the upgrade, unless the session is closed, no longer
     * polling, or another WebSocket claimed it first (then that one must be refused, as the reference server does).
     */
    boolean claimUpgrade(Object claim) {
        if (closed.get() || transport != Transport.POLLING || !upgradeClaim.compareAndSet(null, claim)) {
            return false;
        }
        // a handshake that never opens its endpoint must not block the session's upgrade for good
        server.scheduler()
                .schedule(
                        () -> {
                            if (upgradeCandidate == null) {
                                upgradeClaim.compareAndSet(claim, null);
                            }
                        },
                        10,
                        TimeUnit.SECONDS);
        return true;
    }

    /** The endpoint of the claiming WebSocket opened: it is this session's upgrade candidate. */
    boolean confirmUpgrade(Object claim, Session candidate) {
        if (closed.get() || transport != Transport.POLLING || upgradeClaim.get() != claim) {
            return false;
        }
        upgradeCandidate = candidate;
        return true;
    }

    /**
     * The candidate answered the probe. The poll the client held while it opened the WebSocket is ended with a noop
     * at once, so the client can finish the upgrade; a poll that came after the WebSocket opened is ended only after
     * 100 ms (and every 100 ms while the upgrade lasts), as the reference server does, so a client's {@code 5} sent
     * right after its probe settles the upgrade first, whatever order the threads of two connections run in.
     */
    void beginUpgrade(Session candidate, Writer candidateFrames) {
        if (upgradeCandidate != candidate || upgrading) {
            return;
        }
        Response heldBefore = null;
        synchronized (pollLock) {
            upgrading = true;
            webSocket = candidate;
            frames = candidateFrames;
            if (pendingPoll != null && !pendingPollCameAfterClaim) {
                heldBefore = pendingPoll;
                pendingPoll = null;
            }
        }
        if (heldBefore != null) {
            writePoll(heldBefore, EnginePacketType.NOOP.encode());
        }
        upgradeTicker =
                server.scheduler().scheduleWithFixedDelay(this::endHeldPollForUpgrade, 100, 100, TimeUnit.MILLISECONDS);
    }

    private void endHeldPollForUpgrade() {
        Response poll;
        synchronized (pollLock) {
            if (!upgrading) {
                return;
            }
            poll = pendingPoll;
            pendingPoll = null;
        }
        if (poll != null) {
            writePoll(poll, EnginePacketType.NOOP.encode());
        }
    }

    /** A probing WebSocket went away before the upgrade: polling simply goes on. */
    void abortUpgrade(Session candidate) {
        if (upgradeCandidate == candidate && candidate != null) {
            upgradeCandidate = null;
            upgradeClaim.set(null);
            cancel(upgradeTicker);
            if (webSocket == candidate) {
                upgrading = false;
                webSocket = null;
                frames = null;
            }
        }
    }

    /**
     * The client confirmed the upgrade: from now on everything goes over the WebSocket. A poll still held now came
     * after the probe (a client that upgrades waits for its poll to end first), so it is refused like any later one.
     */
    void completeUpgrade(Session candidate) {
        if (!upgrading || webSocket != candidate) {
            close("parse error", false);
            return;
        }
        Response poll;
        cancel(upgradeTicker);
        synchronized (pollLock) {
            transport = Transport.WEBSOCKET;
            upgrading = false;
            poll = pendingPoll;
            pendingPoll = null;
        }
        if (poll != null) {
            PollingHandler.error(poll, 400, 3, "Bad request");
            if (poll.isSuspended()) {
                poll.resume();
            }
        }
        server.flusher().schedule(this);
    }

    /**
     * Ends the session once: stops the timers, tells the client (the Engine.IO close packet) when asked to, and
     * frees every trace of it. Safe on any thread, also inside a failing write.
     */
    void close(String reason, boolean notifyClient) {
        if (!closed.compareAndSet(false, true)) {
            if (!notifyClient) {
                // a failure or the client's own close while the queue drains: there is nothing left to drain to
                closeWebSocket();
            }
            return;
        }
        cancel(pingTimer);
        cancel(pongDeadline);
        cancel(upgradeTicker);
        server.forget(this);
        Response poll;
        synchronized (pollLock) {
            poll = pendingPoll;
            pendingPoll = null;
            if (poll != null) {
                noopForNextPoll.set(false);
                server.forgetClosed(this);
            }
        }
        closeReason = reason;
        Session ws = webSocket;
        if (notifyClient && ws != null && ws.isOpen() && transport == Transport.WEBSOCKET && !upgrading) {
            drainThenClose();
        } else {
            queue.clear();
            queued.set(0);
            closeWebSocket();
        }
        if (poll != null) {
            writePoll(poll, notifyClient ? EnginePacketType.CLOSE.encode() : EnginePacketType.NOOP.encode());
        }
        try {
            socket.onClose(reason);
        } catch (RuntimeException e) {
            LOG.error("disconnect handling failed for session {}", id, e);
        }
        LOG.debug("session {} closed: {}", id, reason);
    }

    /**
     * A close the server decides on writes what was queued before it, like the acknowledgements of the events that
     * led to it, then the close packet, then closes the WebSocket; a client that does not read by the heartbeat's
     * timeout is closed regardless.
     */
    private void drainThenClose() {
        queue.add(Frame.of(EnginePacketType.CLOSE.encode()));
        queued.incrementAndGet();
        draining = true;
        drainDeadline = server.scheduler()
                .schedule(this::closeWebSocket, server.options().pingTimeout().toMillis(), TimeUnit.MILLISECONDS);
        server.flusher().schedule(this);
    }

    /** Closes the WebSocket, once; what is still queued is dropped. */
    private void closeWebSocket() {
        if (!webSocketClosed.compareAndSet(false, true)) {
            return;
        }
        cancel(drainDeadline);
        queue.clear();
        queued.set(0);
        Session ws = webSocket;
        if (ws != null && ws.isOpen()) {
            try {
                ws.close(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, closeReason));
            } catch (IOException | RuntimeException ignored) {
                // the peer is gone already; the session is freed either way
            }
        }
    }

    private static void cancel(ScheduledFuture<?> future) {
        if (future != null) {
            future.cancel(false);
        }
    }

    /** Frames still queued (for tests and metrics). */
    int queuedFrames() {
        return queued.get();
    }
}
