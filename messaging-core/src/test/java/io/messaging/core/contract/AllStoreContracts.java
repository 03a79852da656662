package io.messaging.core.contract;

import org.junit.jupiter.api.Nested;

/**
 * Every store contract, nested once: a store's test extends this with its {@link StoreAdapter} and its scheduled
 * message store, and JUnit runs each contract against them.
 */
public abstract class AllStoreContracts {

    /** The adapter under test; JUnit makes a new instance of this class per test, so it may be a fresh one. */
    protected abstract StoreAdapter adapter();

    /**
     * A fresh, empty scheduled-message store of the adapter under test; what it opens, the adapter's {@link
     * StoreAdapter#close()} releases after the test.
     */
    protected abstract io.messaging.core.port.out.ScheduledMessages openScheduledMessages() throws Exception;

    /**
     * How many messages each of 8 threads appends in the messages concurrency test, given the contract's own
     * number; a store may lower it to stay quick.
     */
    protected int concurrentAppendsPerThread(int standard) {
        return standard;
    }

    /** How many messages the scheduled messages' many-claimers race schedules, given the contract's own number. */
    protected int messagesForRace(int standard) {
        return standard;
    }

    @Nested
    class Users extends AbstractUsersContractTest {
        Users() {
            super(adapter());
        }
    }

    @Nested
    class Conversations extends AbstractConversationsContractTest {
        Conversations() {
            super(adapter());
        }
    }

    @Nested
    class Messages extends AbstractMessagesContractTest {
        Messages() {
            super(adapter());
        }

        @Override
        protected int concurrentAppendsPerThread() {
            return AllStoreContracts.this.concurrentAppendsPerThread(super.concurrentAppendsPerThread());
        }
    }

    @Nested
    class ReadReceipts extends AbstractReadReceiptsContractTest {
        ReadReceipts() {
            super(adapter());
        }
    }

    @Nested
    class Attachments extends AbstractAttachmentsContractTest {
        Attachments() {
            super(adapter());
        }
    }

    @Nested
    class OneTimeTokens extends AbstractOneTimeTokensContractTest {
        OneTimeTokens() {
            super(adapter());
        }
    }

    @Nested
    class PushSubscriptions extends AbstractPushSubscriptionsContractTest {
        PushSubscriptions() {
            super(adapter());
        }
    }

    @Nested
    class Devices extends AbstractDevicesContractTest {
        Devices() {
            super(adapter());
        }
    }

    @Nested
    class PushQueue extends AbstractPushQueueContractTest {
        PushQueue() {
            super(adapter());
        }
    }

    @Nested
    class ScheduledMessages extends AbstractScheduledMessagesContractTest {
        @Override
        protected io.messaging.core.port.out.ScheduledMessages open() throws Exception {
            return openScheduledMessages();
        }

        @Override
        protected void close() throws Exception {
            adapter().close();
        }

        @Override
        protected int messagesForRace() {
            return AllStoreContracts.this.messagesForRace(super.messagesForRace());
        }
    }
}
