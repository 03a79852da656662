package io.messaging.rest;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * How the REST API behaves at its edges: the browser origin allowed by CORS, the JSON body limit, whether to trust
 * {@code X-Forwarded-For}, the store's health probe, the rate limits of the sensitive routes and what
 * {@code /api/config} tells clients.
 */
public record RestSettings(
        Optional<String> allowedOrigin,
        int maxJsonBytes,
        boolean trustProxy,
        BooleanSupplier storeHealthy,
        RateLimits rateLimits,
        ClientConfig clientConfig,
        Optional<BooleanSupplier> sharedStateHealthy) {

    /** Allowed attempts per window, per client address and per account. */
    public record RateLimits(
            int loginPerAddress,
            int loginPerAccount,
            int registerPerAddress,
            int resetPerAddress,
            int resetPerAccount,
            Duration window) {
        /** Generous enough for people, tight enough to slow password guessing. */
        public static final RateLimits DEFAULT = new RateLimits(20, 10, 20, 5, 3, Duration.ofMinutes(1));
    }

    public RestSettings {
        Objects.requireNonNull(allowedOrigin, "allowedOrigin");
        Objects.requireNonNull(storeHealthy, "storeHealthy");
        Objects.requireNonNull(sharedStateHealthy, "sharedStateHealthy");
        Objects.requireNonNull(rateLimits, "rateLimits");
        Objects.requireNonNull(clientConfig, "clientConfig");
        if (maxJsonBytes < 1024) {
            throw new IllegalArgumentException("maxJsonBytes must be at least 1024");
        }
    }

    /** Defaults: no CORS origin, 64 KiB JSON bodies, no proxy, always healthy, default rate limits, no mail or push. */
    public static RestSettings defaults() {
        return new RestSettings(
                Optional.empty(),
                64 * 1024,
                false,
                () -> true,
                RateLimits.DEFAULT,
                ClientConfig.NONE,
                Optional.empty());
    }

    public RestSettings withAllowedOrigin(String origin) {
        return new RestSettings(
                Optional.of(origin),
                maxJsonBytes,
                trustProxy,
                storeHealthy,
                rateLimits,
                clientConfig,
                sharedStateHealthy);
    }

    public RestSettings withTrustProxy(boolean trust) {
        return new RestSettings(
                allowedOrigin, maxJsonBytes, trust, storeHealthy, rateLimits, clientConfig, sharedStateHealthy);
    }

    public RestSettings withStoreHealth(BooleanSupplier probe) {
        return new RestSettings(
                allowedOrigin, maxJsonBytes, trustProxy, probe, rateLimits, clientConfig, sharedStateHealthy);
    }

    public RestSettings withRateLimits(RateLimits limits) {
        return new RestSettings(
                allowedOrigin, maxJsonBytes, trustProxy, storeHealthy, limits, clientConfig, sharedStateHealthy);
    }

    /** What {@code GET /api/config} answers. */
    public RestSettings withClientConfig(ClientConfig config) {
        return new RestSettings(
                allowedOrigin, maxJsonBytes, trustProxy, storeHealthy, rateLimits, config, sharedStateHealthy);
    }

    /**
     * With several nodes: whether this node reaches the state it shares with the others (Redis). While it does not,
     * {@code /api/health} still answers 200 (the node serves its own sockets) with {@code checks.redis: "down"}.
     */
    public RestSettings withSharedStateHealth(BooleanSupplier probe) {
        return new RestSettings(
                allowedOrigin, maxJsonBytes, trustProxy, storeHealthy, rateLimits, clientConfig, Optional.of(probe));
    }
}
