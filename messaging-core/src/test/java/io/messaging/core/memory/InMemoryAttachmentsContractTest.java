package io.messaging.core.memory;

import io.messaging.core.contract.AbstractAttachmentsContractTest;
import io.messaging.core.port.out.Stores;

class InMemoryAttachmentsContractTest extends AbstractAttachmentsContractTest {
    @Override
    protected Stores newStores() {
        return InMemoryStores.create();
    }
}
