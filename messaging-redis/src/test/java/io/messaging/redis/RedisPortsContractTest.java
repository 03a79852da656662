package io.messaging.redis;

import io.messaging.core.contract.AbstractAttemptWindowsContractTest;
import io.messaging.core.contract.AbstractEventBusContractTest;
import io.messaging.core.contract.AbstractPresenceRegistryContractTest;
import io.messaging.core.contract.AbstractRecoveryStoreContractTest;
import io.messaging.core.contract.AbstractTokenBucketsContractTest;
import io.messaging.core.port.out.AttemptWindows;
import io.messaging.core.port.out.EventBus;
import io.messaging.core.port.out.PresenceRegistry;
import io.messaging.core.port.out.RecoveryStore;
import io.messaging.core.port.out.TokenBuckets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;

/**
 * The event bus, presence registry, recovery store, attempt windows and token buckets contracts against the Redis
 * adapters, on a real Redis.
 */
class RedisPortsContractTest {
    private static RedisServer redis;
    private final List<RedisState> states = new ArrayList<>();

    @BeforeAll
    static void startRedis() throws Exception {
        redis = RedisServer.start();
    }

    @AfterAll
    static void stopRedis() throws Exception {
        redis.close();
    }

    /** A node's state under a prefix of its own, so that no test sees another's keys. */
    private RedisState freshState() {
        var state = RedisState.connect(
                redis.url(), RedisState.Settings.defaults().withKeyPrefix("test-" + UUID.randomUUID() + ":"));
        states.add(state);
        return state;
    }

    @AfterEach
    void closeStates() {
        states.forEach(RedisState::close);
    }

    @Nested
    class EventBusContract extends AbstractEventBusContractTest {
        @Override
        protected EventBus newBus() {
            return freshState().eventBus();
        }
    }

    @Nested
    class PresenceRegistryContract extends AbstractPresenceRegistryContractTest {
        @Override
        protected PresenceRegistry newRegistry() {
            return freshState().presenceRegistry();
        }
    }

    @Nested
    class RecoveryStoreContract extends AbstractRecoveryStoreContractTest {
        @Override
        protected RecoveryStore newStore(Duration window, int sessionEvents, int totalEvents, Clock clock) {
            return freshState().recoveryStore(window, sessionEvents, totalEvents, clock);
        }
    }

    @Nested
    class AttemptWindowsContract extends AbstractAttemptWindowsContractTest {
        @Override
        protected AttemptWindows newWindows() {
            return freshState().attemptWindows();
        }
    }

    @Nested
    class TokenBucketsContract extends AbstractTokenBucketsContractTest {
        @Override
        protected TokenBuckets newBuckets() {
            return freshState().tokenBuckets();
        }
    }
}
