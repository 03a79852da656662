package io.messaging.mongo;

import io.messaging.core.contract.AllStoreContracts;
import io.messaging.core.contract.StoreAdapter;
import io.messaging.core.port.out.ScheduledMessages;
import io.messaging.core.port.out.Stores;

/** Every store contract, run over the wire against the embedded MongoDB server, a fresh database per test. */
class MongoStoreContractTest extends AllStoreContracts {
    private final MongoAdapter adapter = new MongoAdapter();

    /** Connects to a fresh database of the embedded server, and disconnects after the test. */
    private static final class MongoAdapter implements StoreAdapter {
        private MongoStores opened;

        @Override
        public Stores open() {
            opened = MongoStores.connect(EmbeddedMongo.freshDatabaseUri());
            return opened.stores();
        }

        @Override
        public void close() {
            opened.close();
        }
    }

    @Override
    protected StoreAdapter adapter() {
        return adapter;
    }

    @Override
    protected ScheduledMessages openScheduledMessages() {
        adapter.open();
        return adapter.opened.scheduledMessages();
    }

    /** The embedded wire server runs every query as a scan, so fewer appends keep the test quick. */
    @Override
    protected int concurrentAppendsPerThread(int standard) {
        return 100;
    }

    /** The embedded wire server runs every query as a scan, so fewer messages keep the race quick. */
    @Override
    protected int messagesForRace(int standard) {
        return 60;
    }
}
