package io.messaging.core.contract;

import io.messaging.core.port.out.Stores;

/** How a contract test gets fresh stores of the adapter under test, and releases them after each test. */
public interface StoreAdapter {

    /** Fresh, empty stores. */
    Stores open() throws Exception;

    /** Releases what the last {@link #open()} opened. */
    default void close() throws Exception {}
}
