package io.messaging.core.memory;

import io.messaging.core.contract.AbstractMessagesContractTest;
import io.messaging.core.port.out.Stores;

class InMemoryMessagesContractTest extends AbstractMessagesContractTest {
    @Override
    protected Stores newStores() {
        return InMemoryStores.create();
    }
}
