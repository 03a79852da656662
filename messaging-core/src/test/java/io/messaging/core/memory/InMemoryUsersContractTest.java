package io.messaging.core.memory;

import io.messaging.core.contract.AbstractUsersContractTest;
import io.messaging.core.port.out.Stores;

class InMemoryUsersContractTest extends AbstractUsersContractTest {
    @Override
    protected Stores newStores() {
        return InMemoryStores.create();
    }
}
