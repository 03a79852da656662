package io.messaging.mongo;

import io.messaging.core.contract.AbstractOneTimeTokensContractTest;
import io.messaging.core.port.out.Stores;

class MongoOneTimeTokensContractTest extends AbstractOneTimeTokensContractTest {
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
