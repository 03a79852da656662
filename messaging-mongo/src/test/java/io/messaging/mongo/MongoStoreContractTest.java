package io.messaging.mongo;

import io.messaging.core.contract.AllStoreContracts;
import io.messaging.core.contract.OpenedStores;
import io.messaging.core.contract.StoreAdapter;
import io.messaging.core.port.out.ScheduledMessages;

/** Every store contract, run over the wire against the embedded MongoDB server, a fresh database per test. */
class MongoStoreContractTest extends AllStoreContracts {
    private final OpenedStores<MongoStores> adapter =
            new OpenedStores<>(() -> MongoStores.connect(EmbeddedMongo.freshDatabaseUri()), MongoStores::stores);

    @Override
    protected StoreAdapter adapter() {
        return adapter;
    }

    @Override
    protected ScheduledMessages openScheduledMessages() throws Exception {
        return adapter.openHandle().scheduledMessages();
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
