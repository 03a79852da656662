package io.messaging.ws;

import java.util.function.LongSupplier;

/**
 * A token bucket of client events: {@code burst} events at once, refilled at {@code perSecond}. An event past the
 * allowance is refused but still counted, so a client that keeps sending while refused falls further behind; past a
 * second burst of refusals it is flooding and must be disconnected. Thread-safe.
 */
final class EventAllowance {
    /** What to do with one event. */
    enum Verdict {
        ALLOWED,
        REFUSED,
        FLOODING
    }

    private final double perNano;
    private final double burst;
    private final LongSupplier nanoTime;
    private double tokens;
    private long updatedAt;

    EventAllowance(int perSecond, int burst, LongSupplier nanoTime) {
        this.perNano = perSecond / 1e9;
        this.burst = burst;
        this.nanoTime = nanoTime;
        this.tokens = burst;
        this.updatedAt = nanoTime.getAsLong();
    }

    /** Takes one event from the allowance. */
    synchronized Verdict take() {
        long now = nanoTime.getAsLong();
        tokens = Math.min(burst, tokens + (now - updatedAt) * perNano);
        updatedAt = now;
        tokens -= 1;
        if (tokens >= 0) {
            return Verdict.ALLOWED;
        }
        return tokens < -burst ? Verdict.FLOODING : Verdict.REFUSED;
    }

    /** The worse of two verdicts. */
    static Verdict worse(Verdict a, Verdict b) {
        return a.ordinal() >= b.ordinal() ? a : b;
    }
}
