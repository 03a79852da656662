package io.messaging.core.memory;

import io.messaging.core.contract.AbstractReadReceiptsContractTest;
import io.messaging.core.port.out.Stores;

class InMemoryReadReceiptsContractTest extends AbstractReadReceiptsContractTest {
    @Override
    protected Stores newStores() {
        return InMemoryStores.create();
    }
}
