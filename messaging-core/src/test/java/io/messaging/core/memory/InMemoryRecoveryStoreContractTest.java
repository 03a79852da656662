package io.messaging.core.memory;

import io.messaging.core.contract.AbstractRecoveryStoreContractTest;
import io.messaging.core.port.out.RecoveryStore;
import java.time.Clock;
import java.time.Duration;

/** The recovery store contract against the in-memory store. */
class InMemoryRecoveryStoreContractTest extends AbstractRecoveryStoreContractTest {
    @Override
    protected RecoveryStore newStore(Duration window, int sessionEvents, int totalEvents, Clock clock) {
        return new InMemoryRecoveryStore(window, sessionEvents, totalEvents, clock);
    }
}
