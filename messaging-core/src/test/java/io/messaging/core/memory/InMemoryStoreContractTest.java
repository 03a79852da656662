package io.messaging.core.memory;

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
import org.junit.jupiter.api.Nested;

/** Every store contract, run against the in-memory adapters. */
class InMemoryStoreContractTest {
    private static final StoreAdapter IN_MEMORY = InMemoryStores::create;

    @Nested
    class Users extends AbstractUsersContractTest {
        Users() {
            super(IN_MEMORY);
        }
    }

    @Nested
    class Conversations extends AbstractConversationsContractTest {
        Conversations() {
            super(IN_MEMORY);
        }
    }

    @Nested
    class Messages extends AbstractMessagesContractTest {
        Messages() {
            super(IN_MEMORY);
        }
    }

    @Nested
    class ReadReceipts extends AbstractReadReceiptsContractTest {
        ReadReceipts() {
            super(IN_MEMORY);
        }
    }

    @Nested
    class Attachments extends AbstractAttachmentsContractTest {
        Attachments() {
            super(IN_MEMORY);
        }
    }

    @Nested
    class OneTimeTokens extends AbstractOneTimeTokensContractTest {
        OneTimeTokens() {
            super(IN_MEMORY);
        }
    }

    @Nested
    class PushSubscriptions extends AbstractPushSubscriptionsContractTest {
        PushSubscriptions() {
            super(IN_MEMORY);
        }
    }

    @Nested
    class Devices extends AbstractDevicesContractTest {
        Devices() {
            super(IN_MEMORY);
        }
    }

    @Nested
    class PushQueue extends AbstractPushQueueContractTest {
        PushQueue() {
            super(IN_MEMORY);
        }
    }

    @Nested
    class ScheduledMessages extends AbstractScheduledMessagesContractTest {
        @Override
        protected io.messaging.core.port.out.ScheduledMessages open() {
            return new InMemoryScheduledMessages();
        }
    }
}
