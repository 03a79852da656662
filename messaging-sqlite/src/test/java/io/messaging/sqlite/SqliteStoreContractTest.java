package io.messaging.sqlite;

import io.messaging.core.contract.AbstractAttachmentsContractTest;
import io.messaging.core.contract.AbstractConversationsContractTest;
import io.messaging.core.contract.AbstractDevicesContractTest;
import io.messaging.core.contract.AbstractMessagesContractTest;
import io.messaging.core.contract.AbstractOneTimeTokensContractTest;
import io.messaging.core.contract.AbstractPushQueueContractTest;
import io.messaging.core.contract.AbstractPushSubscriptionsContractTest;
import io.messaging.core.contract.AbstractReadReceiptsContractTest;
import io.messaging.core.contract.AbstractScheduledMessagesContractTest;
import io.messaging.core.contract.AbstractUsersContractTest;
import io.messaging.core.contract.StoreAdapter;
import io.messaging.core.port.out.Stores;
import java.nio.file.Files;
import org.junit.jupiter.api.Nested;

/** Every store contract, run against the SQLite adapters in a fresh data directory per test. */
class SqliteStoreContractTest {
    private static final StoreAdapter SQLITE = new SqliteAdapter();

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

    @Nested
    class Users extends AbstractUsersContractTest {
        Users() {
            super(SQLITE);
        }
    }

    @Nested
    class Conversations extends AbstractConversationsContractTest {
        Conversations() {
            super(SQLITE);
        }
    }

    @Nested
    class Messages extends AbstractMessagesContractTest {
        Messages() {
            super(SQLITE);
        }
    }

    @Nested
    class ReadReceipts extends AbstractReadReceiptsContractTest {
        ReadReceipts() {
            super(SQLITE);
        }
    }

    @Nested
    class Attachments extends AbstractAttachmentsContractTest {
        Attachments() {
            super(SQLITE);
        }
    }

    @Nested
    class OneTimeTokens extends AbstractOneTimeTokensContractTest {
        OneTimeTokens() {
            super(SQLITE);
        }
    }

    @Nested
    class PushSubscriptions extends AbstractPushSubscriptionsContractTest {
        PushSubscriptions() {
            super(SQLITE);
        }
    }

    @Nested
    class Devices extends AbstractDevicesContractTest {
        Devices() {
            super(SQLITE);
        }
    }

    @Nested
    class PushQueue extends AbstractPushQueueContractTest {
        PushQueue() {
            super(SQLITE);
        }
    }

    @Nested
    class ScheduledMessages extends AbstractScheduledMessagesContractTest {
        private final SqliteAdapter adapter = new SqliteAdapter();

        @Override
        protected io.messaging.core.port.out.ScheduledMessages open() throws Exception {
            adapter.open();
            return adapter.opened.scheduledMessages();
        }

        @Override
        protected void close() {
            adapter.close();
        }
    }
}
