package io.messaging.core.contract;

import io.messaging.core.port.out.Stores;
import java.util.function.Function;

/** Every store contract over a store's own handle: each test opens a fresh one, and it is closed after the test. */
// The scheduled message port is named in full because a contract nested in the base class takes its simple name.
public abstract class OpenedStoreContracts<H extends AutoCloseable> extends AllStoreContracts {
    private final OpenedStores<H> adapter;
    private final Function<H, io.messaging.core.port.out.ScheduledMessages> scheduledMessages;

    protected OpenedStoreContracts(
            OpenedStores.Opener<H> opener,
            Function<H, Stores> stores,
            Function<H, io.messaging.core.port.out.ScheduledMessages> scheduledMessages) {
        this.adapter = new OpenedStores<>(opener, stores);
        this.scheduledMessages = scheduledMessages;
    }

    @Override
    protected final StoreAdapter adapter() {
        return adapter;
    }

    @Override
    protected final io.messaging.core.port.out.ScheduledMessages openScheduledMessages() throws Exception {
        return scheduledMessages.apply(adapter.openHandle());
    }
}
