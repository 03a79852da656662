package io.messaging.sqlite;

import io.messaging.core.contract.OpenedStoreContracts;
import java.nio.file.Files;

/** Every store contract, run against the SQLite adapters in a fresh data directory per test. */
class SqliteStoreContractTest extends OpenedStoreContracts<SqliteStores> {

    SqliteStoreContractTest() {
        super(
                () -> SqliteStores.open(
                        Files.createTempDirectory("sqlite-contract"), SqliteStores.Durability.PROCESS_CRASH),
                SqliteStores::stores,
                SqliteStores::scheduledMessages);
    }
}
