package io.messaging.core.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.messaging.core.port.out.AttemptWindows;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link AttemptWindows}, run against every adapter: one more per attempt and key, each key on its
 * own, racing attempts each counted once, and a new window once the old one ended.
 */
public abstract class AbstractAttemptWindowsContractTest {
    private static final Duration MINUTE = Duration.ofMinutes(1);

    /** New, empty windows. */
    protected abstract AttemptWindows newWindows();

    private static String key() {
        return "key-" + UUID.randomUUID();
    }

    @Test
    void eachAttemptCountsOneInItsKeysWindow() {
        var windows = newWindows();
        String login = key();
        String other = key();
        for (long i = 1; i <= 5; i++) {
            var count = windows.count(login, MINUTE);
            assertEquals(i, count.attempts());
            assertTrue(!count.resetsIn().isNegative() && count.resetsIn().compareTo(MINUTE) <= 0, count.toString());
        }
        assertEquals(1, windows.count(other, MINUTE).attempts(), "another key has its own window");
    }

    @Test
    void racingAttemptsAreEachCountedOnce() throws Exception {
        var windows = newWindows();
        String login = key();
        var pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Long>> attempts = new ArrayList<>();
            for (int i = 0; i < 80; i++) {
                attempts.add(() -> windows.count(login, MINUTE).attempts());
            }
            var seen = new HashSet<Long>();
            for (var attempt : pool.invokeAll(attempts)) {
                seen.add(attempt.get());
            }
            assertEquals(80, seen.size(), "every attempt saw its own count");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aNewWindowStartsOnceTheOldOneEnded() throws Exception {
        var windows = newWindows();
        String login = key();
        Duration brief = Duration.ofMillis(200);
        windows.count(login, brief);
        var second = windows.count(login, brief);
        assertEquals(2, second.attempts());
        Thread.sleep(second.resetsIn().toMillis() + 100);
        assertEquals(1, windows.count(login, brief).attempts());
    }
}
