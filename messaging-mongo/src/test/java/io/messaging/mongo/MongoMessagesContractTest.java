package io.messaging.mongo;

import io.messaging.core.contract.AbstractMessagesContractTest;
import io.messaging.core.port.out.Stores;

class MongoMessagesContractTest extends AbstractMessagesContractTest {
    private MongoStores opened;

    @Override
    protected Stores newStores() {
        opened = MongoStores.connect(EmbeddedMongo.freshDatabaseUri());
        return opened.stores();
    }

    /** The embedded wire server runs every query as a scan, so fewer appends keep the test quick. */
    @Override
    protected int concurrentAppendsPerThread() {
        return 100;
    }

    @Override
    protected void closeStores() {
        opened.close();
    }
}
