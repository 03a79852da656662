package io.messaging.sqlite;

import io.messaging.core.contract.AllStoreContracts;
import io.messaging.core.contract.StoreAdapter;
import io.messaging.core.port.out.ScheduledMessages;
import io.messaging.core.port.out.Stores;
import java.nio.file.Files;

/** Every store contract, run against the SQLite adapters in a fresh data directory per test. */
class SqliteStoreContractTest extends AllStoreContracts {
    private final SqliteAdapter adapter = new SqliteAdapter();

    /** Opens a fresh store in a new temporary directory, and closes it after the test. */
    private static final class SqliteAdapter implements StoreAdapter {
        private SqliteStores opened;

        @Override
        public Stores open() throws Exception {
            opened = SqliteStores.open(
                    Files.createTempDirectory("sqlite-contract"), SqliteStores.Durability.PROCESS_CRASH);
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
    protected ScheduledMessages openScheduledMessages() throws Exception {
        adapter.open();
        return adapter.opened.scheduledMessages();
    }
}
