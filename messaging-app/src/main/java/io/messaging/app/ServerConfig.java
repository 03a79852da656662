package io.messaging.app;

import io.messaging.rest.RestSettings;
import io.messaging.ws.RecoveryOptions;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Everything the server reads from its environment, validated, with the documented defaults applied. */
public record ServerConfig(
        int port,
        URI clientHost,
        Optional<String> jwtSecret,
        Duration jwtExpiresIn,
        boolean production,
        Optional<String> mongodbUri,
        Path dataDir,
        boolean sqliteStrictDurability,
        Optional<Smtp> smtp,
        boolean requireActivation,
        long uploadMaxBytes,
        List<String> uploadAllowedTypes,
        Duration socketPingInterval,
        Duration socketPingTimeout,
        Duration socketConnectTimeout,
        int socketMaxPayload,
        boolean trustProxy,
        Duration shutdownGrace,
        Duration jwtClockSkew,
        Limits limits,
        Push push,
        RecoveryOptions socketRecovery,
        Optional<Cluster> cluster) {

    /**
     * Several nodes: the Redis they share ({@code REDIS_URL}) and how long a node that stops renewing its heartbeat
     * still counts as alive ({@code REDIS_NODE_TTL}), which bounds how long a dead node's users look online.
     */
    public record Cluster(String redisUrl, Duration nodeTtl) {
        @Override
        public String toString() {
            return "Cluster[redis " + redisUrl.replaceAll("//[^@/]*@", "//***@") + ", node TTL " + nodeTtl + "]";
        }
    }

    /**
     * Web Push: the VAPID key pair (both halves or neither, already checked to pair up) and contact, and whether
     * {@code http://} and loopback push endpoints are allowed.
     */
    public record Push(
            Optional<String> vapidPublicKey,
            Optional<String> vapidPrivateKey,
            String vapidSubject,
            boolean allowInsecure) {
        @Override
        public String toString() {
            return "Push[" + vapidPublicKey + ", subject " + vapidSubject + ", insecure " + allowInsecure + "]";
        }
    }

    /**
     * How much a client may do: the REST rate limits of the sensitive routes, and each socket's (and each user's)
     * event allowance, a token bucket of {@code socketEventBurst} events refilled at {@code socketEventRate} a
     * second.
     */
    public record Limits(RestSettings.RateLimits rateLimits, int socketEventRate, int socketEventBurst) {}

    /** How to reach the mail server. */
    public record Smtp(
            String host, int port, Optional<String> user, Optional<String> password, String from, boolean startTls) {}

    /** The origin CORS allows: scheme, host and port of {@link #clientHost()}, without a path. */
    public String clientOrigin() {
        String origin = clientHost.getScheme() + "://" + clientHost.getHost();
        return clientHost.getPort() == -1 ? origin : origin + ":" + clientHost.getPort();
    }
}
