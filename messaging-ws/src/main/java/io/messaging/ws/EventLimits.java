package io.messaging.ws;

import io.messaging.core.model.UserId;
import io.messaging.core.port.out.TokenBuckets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The event allowances of this node: one per socket and one per user (shared by all of that user's sockets), so
 * neither one flooding socket nor many sockets of one user can make the server do more than the limits allow. With
 * token buckets shared by every node, a user's allowance holds once across nodes too ({@link SharedAllowance}). A
 * user's allowance lives while the user has a connected socket.
 */
final class EventLimits {
    private record Shared(EventAllowance allowance, Optional<SharedAllowance> acrossNodes, int sockets) {}

    private final int perSecond;
    private final int burst;
    private final LongSupplier nanoTime;
    private final Optional<TokenBuckets> buckets;
    private final Map<UserId, Shared> users = new ConcurrentHashMap<>();

    /** Limits of this node alone. */
    EventLimits(int perSecond, int burst, LongSupplier nanoTime) {
        this(perSecond, burst, nanoTime, Optional.empty());
    }

    /** Limits whose per-user allowance is also taken from {@code buckets}, when present, shared with other nodes. */
    EventLimits(int perSecond, int burst, LongSupplier nanoTime, Optional<TokenBuckets> buckets) {
        this.perSecond = perSecond;
        this.burst = burst;
        this.nanoTime = nanoTime;
        this.buckets = buckets;
    }

    /** A socket's own allowance. */
    EventAllowance forSocket() {
        return new EventAllowance(perSecond, burst, nanoTime);
    }

    /** A socket of this user connected. */
    void connected(UserId user) {
        Shared added = users.compute(
                user,
                (id, shared) -> shared == null
                        ? new Shared(new EventAllowance(perSecond, burst, nanoTime), acrossNodes(id), 1)
                        : new Shared(shared.allowance(), shared.acrossNodes(), shared.sockets() + 1));
        if (added.sockets() == 1) {
            added.acrossNodes().ifPresent(SharedAllowance::prefetch);
        }
    }

    private Optional<SharedAllowance> acrossNodes(UserId user) {
        return buckets.map(
                shared -> new SharedAllowance(shared, "events:user:" + user.value(), perSecond, burst, nanoTime));
    }

    /** A socket of this user disconnected; the user's allowance goes with their last socket. */
    void disconnected(UserId user) {
        users.computeIfPresent(
                user,
                (id, shared) -> shared.sockets() <= 1
                        ? null
                        : new Shared(shared.allowance(), shared.acrossNodes(), shared.sockets() - 1));
    }

    /**
     * Takes one event from the socket's allowance and from its user's: this node's, then (when this node allows it)
     * the one shared across nodes.
     */
    EventAllowance.Verdict take(EventAllowance socket, UserId user) {
        var verdict = socket.take();
        if (verdict != EventAllowance.Verdict.ALLOWED) {
            return verdict;
        }
        Shared shared = users.get(user);
        if (shared == null) {
            return verdict;
        }
        var here = shared.allowance().take();
        if (here == EventAllowance.Verdict.ALLOWED
                && shared.acrossNodes().isPresent()
                && !shared.acrossNodes().get().take()) {
            return EventAllowance.Verdict.REFUSED;
        }
        return EventAllowance.worse(verdict, here);
    }

    /** Users with an allowance (for tests and metrics). */
    int users() {
        return users.size();
    }
}
