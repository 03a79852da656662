package io.messaging.app;

import io.messaging.core.Messaging;
import io.messaging.core.port.out.Stores;
import io.messaging.core.service.AttachmentPolicy;
import io.messaging.core.service.ScheduledDispatchTimer;
import io.messaging.push.WebPushSender;
import io.messaging.rest.ClientConfig;
import io.messaging.rest.RestApi;
import io.messaging.rest.RestSettings;
import io.messaging.security.BcryptPasswordHasher;
import io.messaging.security.JwtTokens;
import java.io.IOException;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The standalone server: the core on the configured store, REST under {@code /api}, Socket.IO at
 * {@code /socket.io/}, the web client at {@code /} and metrics at {@code /metrics}, all on one port.
 */
public final class MessagingServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MessagingServer.class);
    /** Scheduled messages sent at once: enough for the store to commit them in groups. */
    private static final int SCHEDULED_SENDERS = 16;

    private final ServerConfig config;
    private final AutoCloseable storeHandle;
    private final HttpServer http;
    private final RealTime realTime;
    private final ScheduledExecutorService timers;
    private final ScheduledDispatchTimer scheduled;
    private final Optional<PushWorker> push;
    private final StrictHttp strictHttp;
    private final int port;

    private MessagingServer(
            ServerConfig config,
            AutoCloseable storeHandle,
            HttpServer http,
            RealTime realTime,
            ScheduledExecutorService timers,
            ScheduledDispatchTimer scheduled,
            Optional<PushWorker> push,
            StrictHttp strictHttp) {
        this.config = config;
        this.storeHandle = storeHandle;
        this.http = http;
        this.realTime = realTime;
        this.timers = timers;
        this.scheduled = scheduled;
        this.push = push;
        this.strictHttp = strictHttp;
        this.port = http.getListeners().iterator().next().getPort();
    }

    /** Builds a throwaway JAX-RS application on another core, so that building the real one later is quick. */
    private static void warmUpRestWhileTheStoreOpens() {
        var warmUp = new Thread(
                () -> {
                    try {
                        RestApi.warmUp();
                    } catch (RuntimeException e) {
                        LOG.debug("the REST warm-up failed; the server starts regardless", e);
                    }
                },
                "rest-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
    }

    /** Opens the store, assembles everything and starts listening. */
    public static MessagingServer start(ServerConfig config) throws IOException {
        warmUpRestWhileTheStoreOpens();
        var metrics = new ServerMetrics();
        var store = StoreChoice.open(config);
        Optional<ClusterNode> cluster;
        try {
            cluster = ClusterNode.join(config);
        } catch (RuntimeException e) {
            closeQuietly(store.handle());
            throw e;
        }
        Stores stores = store.stores();
        var timed = new TimedMessages(stores.messages(), stores.readReceipts(), metrics);
        stores = stores.withMessages(timed, timed);
        var types = config.uploadAllowedTypes().isEmpty()
                ? AttachmentPolicy.DEFAULT.allowedTypes()
                : config.uploadAllowedTypes();
        Optional<WebPushSender> pushSender = VapidKeyFile.resolve(config)
                .map(keys -> WebPushSender.create(
                        keys,
                        config.push().vapidSubject(),
                        WebPushSender.Options.DEFAULT.withAllowInsecure(
                                config.push().allowInsecure())));
        var builder = Messaging.builder();
        pushSender.ifPresent(sender -> builder.pushSender(sender.sender()));
        cluster.ifPresent(node -> builder.eventBus(node.eventBus())
                .presenceRegistry(node.presenceRegistry())
                .attemptWindows(node.attemptWindows()));
        Messaging core = builder.stores(stores)
                .scheduledMessages(store.scheduledMessages())
                .passwordHasher(new BcryptPasswordHasher(10))
                .tokenIssuer(new JwtTokens(JwtSecret.resolve(config), config.jwtExpiresIn(), config.jwtClockSkew()))
                .mailer(MailerChoice.of(config))
                .activationRequired(config.requireActivation())
                .attachmentPolicy(new AttachmentPolicy(config.uploadMaxBytes(), types))
                .build();
        metrics.countEvents(core.events());

        BooleanSupplier healthy = store.healthProbe();
        var restSettings = RestSettings.defaults();
        if (cluster.isPresent()) {
            restSettings = restSettings.withSharedStateHealth(cluster.get()::redisUp);
            cluster.get().registerMetrics(metrics);
        }
        var rest = RestApi.resourceConfig(
                        core,
                        restSettings
                                .withAllowedOrigin(config.clientOrigin())
                                .withTrustProxy(config.trustProxy())
                                .withRateLimits(config.limits().rateLimits())
                                .withStoreHealth(healthy)
                                .withClientConfig(ClientConfig.NONE
                                        .withMail(config.smtp().isPresent())
                                        .withPush(pushSender.isPresent())),
                        config.uploadMaxBytes())
                .register(new HttpTimings(metrics));
        HttpServer http = GrizzlyHttpServerFactory.createHttpServer(
                URI.create("http://0.0.0.0:" + config.port() + "/api"), rest, false);
        var strictHttp = new StrictHttp((method, status) -> metrics.timer(
                        "http.server.requests", "method", method, "status", (status / 100) + "xx")
                .record(0, TimeUnit.NANOSECONDS));
        // the real-time adapter sets the listeners' I/O strategy (RealTimeServer.attachTo)
        http.getListeners().forEach(listener -> listener.registerAddOn(strictHttp));
        http.getServerConfiguration().setDefaultErrorPageGenerator(new ProblemPages());
        http.getServerConfiguration().addHttpHandler(new WebClient(MessagingServer.class.getClassLoader()), "/");
        http.getServerConfiguration().addHttpHandler(metrics.handler(), "/metrics");
        RealTime realTime = RealTime.attach(core, config, http, metrics, cluster);

        ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "typing-expiry");
            thread.setDaemon(true);
            return thread;
        });
        timers.scheduleWithFixedDelay(
                () -> {
                    try {
                        core.expireTyping().expireDue();
                        core.sweepPresence().sweep();
                    } catch (RuntimeException e) {
                        LOG.error("typing expiry failed", e);
                    }
                },
                500,
                500,
                TimeUnit.MILLISECONDS);
        Optional<PushWorker> push = pushSender.map(sender -> PushWorker.start(core, sender));
        try {
            http.start();
        } catch (IOException e) {
            push.ifPresent(PushWorker::close);
            timers.shutdownNow();
            realTime.close();
            cluster.ifPresent(ClusterNode::close);
            closeQuietly(store.handle());
            strictHttp.close();
            throw e;
        }
        ScheduledDispatchTimer scheduled = core.startScheduledDispatch(SCHEDULED_SENDERS);
        LOG.info(
                "store: {}; {}; activation {}; web push {}; data in {}",
                store.description(),
                cluster.map(node -> "node " + node.node() + " of several, sharing Redis")
                        .orElse("one node"),
                config.requireActivation() ? "required" : "not required",
                push.isPresent() ? "on" : "off",
                config.dataDir().toAbsolutePath());
        AutoCloseable shared = () -> {
            cluster.ifPresent(ClusterNode::close);
            store.handle().close();
        };
        return new MessagingServer(config, shared, http, realTime, timers, scheduled, push, strictHttp);
    }

    /** The port the server listens on. */
    public int port() {
        return port;
    }

    /**
     * Stops gracefully: real-time connections get the protocol's close, the HTTP listener stops accepting and
     * finishes in-flight requests (sends included) within the grace period, then the store commits and closes.
     */
    @Override
    public void close() {
        timers.shutdownNow();
        scheduled.close();
        realTime.close();
        try {
            http.shutdown(config.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS)
                    .get();
        } catch (Exception e) {
            LOG.warn("HTTP shutdown did not finish cleanly: {}", e.toString());
            http.shutdownNow();
        }
        push.ifPresent(PushWorker::close);
        strictHttp.close();
        closeQuietly(storeHandle);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.warn("closing {} failed: {}", closeable, e.toString());
        }
    }
}
