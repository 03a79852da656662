package io.messaging.mongo;

import io.messaging.core.contract.OpenedStoreContracts;

/** Every store contract, run over the wire against the embedded MongoDB server, a fresh database per test. */
class MongoStoreContractTest extends OpenedStoreContracts<MongoStores> {

    MongoStoreContractTest() {
        super(
                () -> MongoStores.connect(EmbeddedMongo.freshDatabaseUri()),
                MongoStores::stores,
                MongoStores::scheduledMessages);
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
