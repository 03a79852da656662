package io.messaging.mongo;

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
import org.junit.jupiter.api.Nested;

/** Every store contract, run over the wire against the embedded MongoDB server, a fresh database per test. */
class MongoStoreContractTest {
    private static final StoreAdapter MONGO = new MongoAdapter();

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

    @Nested
    class Users extends AbstractUsersContractTest {
        Users() {
            super(MONGO);
        }
    }

    @Nested
    class Conversations extends AbstractConversationsContractTest {
        Conversations() {
            super(MONGO);
        }
    }

    @Nested
    class Messages extends AbstractMessagesContractTest {
        Messages() {
            super(MONGO);
        }

        /** The embedded wire server runs every query as a scan, so fewer appends keep the test quick. */
        @Override
        protected int concurrentAppendsPerThread() {
            return 100;
        }
    }

    @Nested
    class ReadReceipts extends AbstractReadReceiptsContractTest {
        ReadReceipts() {
            super(MONGO);
        }
    }

    @Nested
    class Attachments extends AbstractAttachmentsContractTest {
        Attachments() {
            super(MONGO);
        }
    }

    @Nested
    class OneTimeTokens extends AbstractOneTimeTokensContractTest {
        OneTimeTokens() {
            super(MONGO);
        }
    }

    @Nested
    class PushSubscriptions extends AbstractPushSubscriptionsContractTest {
        PushSubscriptions() {
            super(MONGO);
        }
    }

    @Nested
    class Devices extends AbstractDevicesContractTest {
        Devices() {
            super(MONGO);
        }
    }

    @Nested
    class PushQueue extends AbstractPushQueueContractTest {
        PushQueue() {
            super(MONGO);
        }
    }

    @Nested
    class ScheduledMessages extends AbstractScheduledMessagesContractTest {
        private final MongoAdapter adapter = new MongoAdapter();

        @Override
        protected io.messaging.core.port.out.ScheduledMessages open() {
            adapter.open();
            return adapter.opened.scheduledMessages();
        }

        @Override
        protected void close() {
            adapter.close();
        }

        /** The embedded wire server runs every query as a scan, so fewer messages keep the race quick. */
        @Override
        protected int messagesForRace() {
            return 60;
        }
    }
}
