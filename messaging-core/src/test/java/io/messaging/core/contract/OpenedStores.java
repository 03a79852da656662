package io.messaging.core.contract;

import io.messaging.core.port.out.Stores;
import java.util.function.Function;

/** A {@link StoreAdapter} over a store's own handle: each test opens a fresh handle, which is closed after it. */
public final class OpenedStores<H extends AutoCloseable> implements StoreAdapter {
    private final Opener<H> opener;
    private final Function<H, Stores> stores;
    private H opened;

    /** How a fresh, empty handle is opened. */
    @FunctionalInterface
    public interface Opener<H> {
        H open() throws Exception;
    }

    public OpenedStores(Opener<H> opener, Function<H, Stores> stores) {
        this.opener = opener;
        this.stores = stores;
    }

    /** A fresh handle, for what its {@link Stores} do not hold; {@link #close()} closes it after the test. */
    public H openHandle() throws Exception {
        opened = opener.open();
        return opened;
    }

    @Override
    public Stores open() throws Exception {
        return stores.apply(openHandle());
    }

    @Override
    public void close() throws Exception {
        opened.close();
    }
}
