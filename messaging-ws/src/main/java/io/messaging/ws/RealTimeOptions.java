package io.messaging.ws;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The real-time protocol's settings: Engine.IO heartbeat and payload limit, Socket.IO connect timeout, the
 * browser origin allowed for polling, the bounds of each connection's outbound queue, and the client event allowance
 * (a token bucket of {@code eventBurst} events refilled at {@code eventRate} a second, per socket and per user).
 */
public record RealTimeOptions(
        Duration pingInterval,
        Duration pingTimeout,
        Duration connectTimeout,
        int maxPayload,
        Optional<String> allowedOrigin,
        int queueSoftLimit,
        int queueHardLimit,
        int eventRate,
        int eventBurst) {
    public RealTimeOptions {
        Objects.requireNonNull(pingInterval, "pingInterval");
        Objects.requireNonNull(pingTimeout, "pingTimeout");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(allowedOrigin, "allowedOrigin");
        if (maxPayload < 1024 || queueSoftLimit < 1 || queueHardLimit < queueSoftLimit) {
            throw new IllegalArgumentException("maxPayload >= 1024 and 1 <= queueSoftLimit <= queueHardLimit");
        }
        if (eventRate < 1 || eventBurst < 1) {
            throw new IllegalArgumentException("eventRate and eventBurst must be at least 1");
        }
    }

    /**
     * The reference server's defaults: ping every 25 s, 20 s to answer, 45 s to connect, 1 MB payloads; 100 events
     * at once and 50 a second after that.
     */
    public static RealTimeOptions defaults() {
        return new RealTimeOptions(
                Duration.ofSeconds(25),
                Duration.ofSeconds(20),
                Duration.ofSeconds(45),
                1_000_000,
                Optional.empty(),
                256,
                1024,
                50,
                100);
    }

    public RealTimeOptions withHeartbeat(Duration interval, Duration timeout) {
        return new RealTimeOptions(
                interval,
                timeout,
                connectTimeout,
                maxPayload,
                allowedOrigin,
                queueSoftLimit,
                queueHardLimit,
                eventRate,
                eventBurst);
    }

    public RealTimeOptions withConnectTimeout(Duration timeout) {
        return new RealTimeOptions(
                pingInterval,
                pingTimeout,
                timeout,
                maxPayload,
                allowedOrigin,
                queueSoftLimit,
                queueHardLimit,
                eventRate,
                eventBurst);
    }

    public RealTimeOptions withMaxPayload(int bytes) {
        return new RealTimeOptions(
                pingInterval,
                pingTimeout,
                connectTimeout,
                bytes,
                allowedOrigin,
                queueSoftLimit,
                queueHardLimit,
                eventRate,
                eventBurst);
    }

    public RealTimeOptions withAllowedOrigin(String origin) {
        return new RealTimeOptions(
                pingInterval,
                pingTimeout,
                connectTimeout,
                maxPayload,
                Optional.of(origin),
                queueSoftLimit,
                queueHardLimit,
                eventRate,
                eventBurst);
    }

    public RealTimeOptions withQueueLimits(int soft, int hard) {
        return new RealTimeOptions(
                pingInterval,
                pingTimeout,
                connectTimeout,
                maxPayload,
                allowedOrigin,
                soft,
                hard,
                eventRate,
                eventBurst);
    }

    public RealTimeOptions withEventLimits(int rate, int burst) {
        return new RealTimeOptions(
                pingInterval,
                pingTimeout,
                connectTimeout,
                maxPayload,
                allowedOrigin,
                queueSoftLimit,
                queueHardLimit,
                rate,
                burst);
    }
}
