package io.messaging.core.memory;

import io.messaging.core.contract.AllStoreContracts;
import io.messaging.core.contract.StoreAdapter;
import io.messaging.core.port.out.ScheduledMessages;

/** Every store contract, run against the in-memory adapters. */
class InMemoryStoreContractTest extends AllStoreContracts {

    @Override
    protected StoreAdapter adapter() {
        return InMemoryStores::create;
    }

    @Override
    protected ScheduledMessages openScheduledMessages() {
        return new InMemoryScheduledMessages();
    }
}
