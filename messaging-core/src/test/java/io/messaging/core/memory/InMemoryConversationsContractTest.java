package io.messaging.core.memory;

import io.messaging.core.contract.AbstractConversationsContractTest;
import io.messaging.core.port.out.Stores;

class InMemoryConversationsContractTest extends AbstractConversationsContractTest {
    @Override
    protected Stores newStores() {
        return InMemoryStores.create();
    }
}
