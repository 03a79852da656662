package io.messaging.ws;

import io.messaging.core.model.UserId;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The event allowances of this node: one per socket and one per user (shared by all of that user's sockets), so
 * neither one flooding socket nor many sockets of one user can make the server do more than the limits allow. A
 * user's allowance lives while the user has a connected socket.
 */
final class EventLimits {
    private record Shared(EventAllowance allowance, int sockets) {}

    private final int perSecond;
    private final int burst;
    private final LongSupplier nanoTime;
    private final Map<UserId, Shared> users = new ConcurrentHashMap<>();

    EventLimits(int perSecond, int burst, LongSupplier nanoTime) {
        this.perSecond = perSecond;
        this.burst = burst;
        this.nanoTime = nanoTime;
    }

    /** A socket's own allowance. */
    EventAllowance forSocket() {
        return new EventAllowance(perSecond, burst, nanoTime);
    }

    /** A socket of this user connected. */
    void connected(UserId user) {
        users.compute(
                user,
                (id, shared) -> shared == null
                        ? new Shared(new EventAllowance(perSecond, burst, nanoTime), 1)
                        : new Shared(shared.allowance(), shared.sockets() + 1));
    }

    /** A socket of this user disconnected; the user's allowance goes with their last socket. */
    void disconnected(UserId user) {
        users.computeIfPresent(
                user,
                (id, shared) -> shared.sockets() <= 1 ? null : new Shared(shared.allowance(), shared.sockets() - 1));
    }

    /** Takes one event from the socket's allowance and from its user's. */
    EventAllowance.Verdict take(EventAllowance socket, UserId user) {
        var verdict = socket.take();
        if (verdict != EventAllowance.Verdict.ALLOWED) {
            return verdict;
        }
        Shared shared = users.get(user);
        return shared == null
                ? verdict
                : EventAllowance.worse(verdict, shared.allowance().take());
    }

    /** Users with an allowance (for tests and metrics). */
    int users() {
        return users.size();
    }
}
