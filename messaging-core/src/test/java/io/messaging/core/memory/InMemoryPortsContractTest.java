package io.messaging.core.memory;

import io.messaging.core.contract.AbstractAttemptWindowsContractTest;
import io.messaging.core.contract.AbstractEventBusContractTest;
import io.messaging.core.contract.AbstractPresenceRegistryContractTest;
import io.messaging.core.contract.AbstractTokenBucketsContractTest;
import io.messaging.core.port.out.AttemptWindows;
import io.messaging.core.port.out.EventBus;
import io.messaging.core.port.out.PresenceRegistry;
import io.messaging.core.port.out.TokenBuckets;
import org.junit.jupiter.api.Nested;

/** The event bus, presence registry, attempt windows and token buckets contracts against the single-node adapters. */
class InMemoryPortsContractTest {

    @Nested
    class EventBusContract extends AbstractEventBusContractTest {
        @Override
        protected EventBus newBus() {
            return new InProcessEventBus();
        }
    }

    @Nested
    class PresenceRegistryContract extends AbstractPresenceRegistryContractTest {
        @Override
        protected PresenceRegistry newRegistry() {
            return new InMemoryPresenceRegistry();
        }
    }

    @Nested
    class AttemptWindowsContract extends AbstractAttemptWindowsContractTest {
        @Override
        protected AttemptWindows newWindows() {
            return new InMemoryAttemptWindows();
        }
    }

    @Nested
    class TokenBucketsContract extends AbstractTokenBucketsContractTest {
        @Override
        protected TokenBuckets newBuckets() {
            return new InMemoryTokenBuckets();
        }
    }
}
