package io.messaging.sqlite;

import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Optional;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Rows recently read, kept exact by the store's own commits (the store is the only writer of its database): after
 * each committed change the store updates or drops the entry. A read that loaded a value while a change to it was
 * committing does not put what it loaded, as that may predate the change: each change bumps a version (one of
 * {@value #STRIPES}, shared by keys that hash alike), and a loaded value is put only if its version did not move
 * while it was loading. Beyond its capacity, the entries least likely to be read again are dropped (Caffeine's
 * size-bounded eviction).
 */
final class StoreCache<K, V> {
    private static final int STRIPES = 4096;
    private final ConcurrentMap<K, V> entries;
    private final AtomicLongArray versions = new AtomicLongArray(STRIPES);

    StoreCache(int capacity) {
        this.entries = Caffeine.newBuilder()
                .maximumSize(capacity)
                .executor(Runnable::run)
                .<K, V>build()
                .asMap();
    }

    /** The cached value, or the one {@code load} reads (cached unless it changed meanwhile). */
    Optional<V> get(K key, Supplier<Optional<V>> load) {
        V cached = entries.get(key);
        if (cached != null) {
            return Optional.of(cached);
        }
        int stripe = stripe(key);
        long version = versions.get(stripe);
        Optional<V> loaded = load.get();
        if (loaded.isPresent()) {
            entries.compute(key, (k, current) -> versions.get(stripe) == version ? loaded.get() : current);
        }
        return loaded;
    }

    /** After a committed change: brings the cached value, if any, up to date with {@code change}. */
    void update(K key, UnaryOperator<V> change) {
        entries.compute(key, (k, current) -> {
            versions.incrementAndGet(stripe(k));
            return current == null ? null : change.apply(current);
        });
    }

    /** After a committed change: drops the entry, so the next read loads the new row. */
    void drop(K key) {
        entries.compute(key, (k, current) -> {
            versions.incrementAndGet(stripe(k));
            return null;
        });
    }

    private static int stripe(Object key) {
        return Math.floorMod(key.hashCode(), STRIPES);
    }
}
