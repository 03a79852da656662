package io.messaging.ws;

import java.io.IOException;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A raw WebSocket client that records the text messages it receives and how the connection closed, and stops
 * reading after a given number of messages; published in the test-jar for the server's end-to-end tests.
 */
public final class RawSocket implements WebSocket.Listener {
    /** The longest a send waits to be written: a stuck write fails the test instead of hanging it. */
    private static final Duration SEND_LIMIT = Duration.ofSeconds(10);

    /** Every whole text message received and not yet taken, in order. */
    public final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    /** Completes with the close status once the connection closes, or -1 on an error. */
    public final CompletableFuture<Integer> closed = new CompletableFuture<>();

    private final StringBuilder partial = new StringBuilder();
    private final Duration patience;
    private int frames;
    /** The connection, set by whoever builds it with this listener. */
    public WebSocket socket;

    /** A client that reads everything and waits up to 5 s for each message. */
    public RawSocket() {
        this(Integer.MAX_VALUE);
    }

    /** A client that stops reading after {@code frames} messages. */
    public RawSocket(int frames) {
        this(frames, Duration.ofSeconds(5));
    }

    /** A client that reads everything and waits up to {@code patience} for each message. */
    public RawSocket(Duration patience) {
        this(Integer.MAX_VALUE, patience);
    }

    private RawSocket(int frames, Duration patience) {
        this.frames = frames;
        this.patience = patience;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            received.add(partial.toString());
            partial.setLength(0);
            frames--;
        }
        if (frames > 0) {
            webSocket.request(1);
        }
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.complete(-1);
    }

    /**
     * Sends one text message and waits until it is written: the client refuses a send while another is still under
     * way, so an unwaited send could silently not happen.
     */
    public void send(String text) {
        socket.sendText(text, true)
                .orTimeout(SEND_LIMIT.toMillis(), TimeUnit.MILLISECONDS)
                .join();
    }

    /** Sends, or says false once the server has closed the connection (the client's output is closed then). */
    public boolean sendUnlessClosed(String text) {
        try {
            send(text);
            return true;
        } catch (CompletionException e) {
            if (e.getCause() instanceof IOException) {
                return false;
            }
            throw e;
        }
    }

    /** The next message received, waiting for it as long as this client's patience. */
    public String next() throws InterruptedException {
        String message = received.poll(patience.toMillis(), TimeUnit.MILLISECONDS);
        if (message == null) {
            throw new AssertionError("nothing received in " + patience.toSeconds() + " s");
        }
        return message;
    }

    /** The next message that is not a heartbeat ping. */
    public String nextNonPing() throws InterruptedException {
        String message;
        do {
            message = next();
        } while (message.equals("2"));
        return message;
    }

    /** "closed" once the server has closed the connection, waiting for it as long as this client's patience. */
    public String awaitClose() throws InterruptedException, ExecutionException {
        try {
            closed.get(patience.toMillis(), TimeUnit.MILLISECONDS);
            return "closed";
        } catch (TimeoutException e) {
            return "output closed but no close in " + patience.toSeconds() + " s";
        }
    }

    /** The first message starting with {@code prefix}, or "closed" once the server closed the connection. */
    public String awaitAckOrClose(String prefix) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            String message = received.poll(50, TimeUnit.MILLISECONDS);
            if (message != null && message.startsWith(prefix)) {
                return message;
            }
            if (message == null && closed.isDone()) {
                return "closed";
            }
        }
        return "neither an answer nor a close in " + patience.toSeconds() + " s: " + List.copyOf(received);
    }
}
