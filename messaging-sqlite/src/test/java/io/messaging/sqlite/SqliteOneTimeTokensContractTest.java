package io.messaging.sqlite;

import io.messaging.core.contract.AbstractOneTimeTokensContractTest;
import io.messaging.core.port.out.Stores;
import java.nio.file.Files;

class SqliteOneTimeTokensContractTest extends AbstractOneTimeTokensContractTest {
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
