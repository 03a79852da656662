package io.messaging.push;

import io.messaging.core.port.out.PushSender;
import java.net.InetAddress;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Builds the Web Push sender (RFC 8030, 8291, 8292) on the JDK's HTTP client; close it to stop its threads. */
public final class WebPushSender implements AutoCloseable {

    /**
     * How the sender behaves: whether {@code http://} and loopback endpoints are allowed (local push services and
     * tests only), how many pushes may be in flight, and how long one may take.
     */
    public record Options(boolean allowInsecure, int maxConcurrent, Duration requestTimeout) {
        /** Secure endpoints only, 16 pushes in flight, 30 seconds each. */
        public static final Options DEFAULT = new Options(false, 16, Duration.ofSeconds(30));

        public Options {
            Objects.requireNonNull(requestTimeout, "requestTimeout");
            if (maxConcurrent < 1) {
                throw new IllegalArgumentException("maxConcurrent must be positive");
            }
        }

        public Options withAllowInsecure(boolean allow) {
            return new Options(allow, maxConcurrent, requestTimeout);
        }
    }

    private final ExecutorService executor;
    private final PushSender sender;
    /** Made on the first push, not at startup: building the JDK's HTTP client takes a noticeable part of a start. */
    private HttpClient client;

    private WebPushSender(VapidKeys keys, String subject, Options options) {
        this.executor = Executors.newFixedThreadPool(Math.min(options.maxConcurrent(), 4), runnable -> {
            Thread thread = new Thread(runnable, "web-push");
            thread.setDaemon(true);
            return thread;
        });
        Clock clock = Clock.systemUTC();
        this.sender = new HttpPushSender(
                keys,
                new VapidSigner(keys, subject, clock),
                new EndpointGuard(options.allowInsecure(), InetAddress::getAllByName),
                this::client,
                executor,
                options.maxConcurrent(),
                options.requestTimeout(),
                clock);
    }

    /**
     * A sender signing with {@code keys} for {@code subject} (a {@code mailto:} or {@code https:} contact).
     *
     * @throws IllegalArgumentException for a subject of another kind
     */
    public static WebPushSender create(VapidKeys keys, String subject, Options options) {
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(options, "options");
        return new WebPushSender(keys, subject, options);
    }

    private synchronized HttpClient client() {
        if (client == null) {
            client = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .connectTimeout(Duration.ofSeconds(10))
                    .executor(executor)
                    .build();
        }
        return client;
    }

    /** The out-port for the core. */
    public PushSender sender() {
        return sender;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
