package io.messaging.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.messaging.core.model.UserId;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The token bucket on a hand-moved clock: a burst, then the steady rate, and flooding past a second burst. */
class EventAllowanceTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    @Test
    void allowsABurstThenTheRateRefusesBeyondAndCallsAFloodByItsName() {
        var allowance = new EventAllowance(10, 5, now::get);
        for (int i = 0; i < 5; i++) {
            assertEquals(EventAllowance.Verdict.ALLOWED, allowance.take(), "burst " + i);
        }
        for (int i = 0; i < 5; i++) {
            assertEquals(EventAllowance.Verdict.REFUSED, allowance.take(), "refused " + i);
        }
        assertEquals(EventAllowance.Verdict.FLOODING, allowance.take());

        now.addAndGet(2_000_000_000L);
        assertEquals(EventAllowance.Verdict.ALLOWED, allowance.take(), "refilled after two seconds");
    }

    @Test
    void aClientThatBacksOffRecoversAtTheSteadyRate() {
        var allowance = new EventAllowance(10, 2, now::get);
        allowance.take();
        allowance.take();
        assertEquals(EventAllowance.Verdict.REFUSED, allowance.take());
        now.addAndGet(200_000_000L);
        assertEquals(EventAllowance.Verdict.ALLOWED, allowance.take());
        for (int i = 0; i < 100; i++) {
            now.addAndGet(100_000_000L);
            assertEquals(EventAllowance.Verdict.ALLOWED, allowance.take(), "event " + i + " at the rate");
        }
    }

    @Test
    void aUsersSocketsShareOneAllowanceThatGoesWithTheLastSocket() {
        var limits = new EventLimits(1, 4, now::get);
        var user = UserId.of("u1");
        limits.connected(user);
        limits.connected(user);
        var first = limits.forSocket();
        var second = limits.forSocket();
        assertEquals(EventAllowance.Verdict.ALLOWED, limits.take(first, user));
        assertEquals(EventAllowance.Verdict.ALLOWED, limits.take(second, user));
        assertEquals(EventAllowance.Verdict.ALLOWED, limits.take(first, user));
        assertEquals(EventAllowance.Verdict.ALLOWED, limits.take(second, user));
        assertEquals(EventAllowance.Verdict.REFUSED, limits.take(first, user), "the user's burst is used up");

        limits.disconnected(user);
        assertEquals(1, limits.users());
        limits.disconnected(user);
        assertEquals(0, limits.users());
    }
}
