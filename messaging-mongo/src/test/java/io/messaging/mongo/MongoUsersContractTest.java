package io.messaging.mongo;

import io.messaging.core.contract.AbstractUsersContractTest;
import io.messaging.core.port.out.Stores;

class MongoUsersContractTest extends AbstractUsersContractTest {
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
