package io.messaging.sqlite;

import io.messaging.core.contract.AllStoreContracts;
import io.messaging.core.contract.OpenedStores;
import io.messaging.core.contract.StoreAdapter;
import io.messaging.core.port.out.ScheduledMessages;
import java.nio.file.Files;

/** Every store contract, run against the SQLite adapters in a fresh data directory per test. */
class SqliteStoreContractTest extends AllStoreContracts {
    private final OpenedStores<SqliteStores> adapter = new OpenedStores<>(
            () -> SqliteStores.open(
                    Files.createTempDirectory("sqlite-contract"), SqliteStores.Durability.PROCESS_CRASH),
            SqliteStores::stores);

    @Override
    protected StoreAdapter adapter() {
        return adapter;
    }

    @Override
    protected ScheduledMessages openScheduledMessages() throws Exception {
        return adapter.openHandle().scheduledMessages();
    }
}
