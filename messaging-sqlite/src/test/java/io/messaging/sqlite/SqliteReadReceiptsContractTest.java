package io.messaging.sqlite;

import io.messaging.core.contract.AbstractReadReceiptsContractTest;
import io.messaging.core.port.out.Stores;
import java.nio.file.Files;

class SqliteReadReceiptsContractTest extends AbstractReadReceiptsContractTest {
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
