package io.messaging.mongo;

import io.messaging.core.contract.AbstractConversationsContractTest;
import io.messaging.core.port.out.Stores;

class MongoConversationsContractTest extends AbstractConversationsContractTest {
    private MongoStores opened;

    @Override
    protected Stores newStores() {
        opened = MongoStores.connect(EmbeddedMongo.freshDatabaseUri());
        return opened.stores();
    }

    @Override
    protected void closeStores() {
        opened.close();
    }
}
