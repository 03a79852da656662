package io.messaging.core.memory;

import io.messaging.core.contract.AbstractOneTimeTokensContractTest;
import io.messaging.core.port.out.Stores;

class InMemoryOneTimeTokensContractTest extends AbstractOneTimeTokensContractTest {
    @Override
    protected Stores newStores() {
        return InMemoryStores.create();
    }
}
