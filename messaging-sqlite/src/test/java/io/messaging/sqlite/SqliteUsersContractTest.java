package io.messaging.sqlite;

import io.messaging.core.contract.AbstractUsersContractTest;
import io.messaging.core.port.out.Stores;
import java.nio.file.Files;

class SqliteUsersContractTest extends AbstractUsersContractTest {
    private SqliteStores opened;

    @Override
    protected Stores newStores() throws Exception {
        opened = SqliteStores.open(Files.createTempDirectory("sqlite-contract"), SqliteStores.Durability.PROCESS_CRASH);
        return opened.stores();
    }

    @Override
    protected void closeStores() {
        opened.close();
    }
}
