package io.messaging.sqlite;

import com.github.benmanes.caffeine.cache.Caffeine;
import io.messaging.core.model.Conversation;
import io.messaging.core.model.ConversationId;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Supplier;

/**
 * Conversations recently read, so that the membership check of every send costs no database read. The store is
 * the only writer of its database, so it keeps the cache exact: after each committed change it updates or drops the
 * entry. A read that loaded a conversation while a change to it was committing does not put what it loaded, as that
 * may predate the change: each change bumps a version (one of {@value #STRIPES}, shared by conversations whose ids
 * hash alike), and a loaded conversation is put only if its version did not move while it was loading. Beyond its
 * capacity, the conversations least likely to be read again are dropped (Caffeine's size-bounded eviction).
 */
final class ConversationCache {
    private static final int STRIPES = 4096;
    private final ConcurrentMap<ConversationId, Conversation> entries;
    private final AtomicLongArray versions = new AtomicLongArray(STRIPES);

    ConversationCache(int capacity) {
        this.entries = Caffeine.newBuilder()
                .maximumSize(capacity)
                .executor(Runnable::run)
                .<ConversationId, Conversation>build()
                .asMap();
    }

    /** The cached conversation, or the one {@code load} reads (cached unless it changed meanwhile). */
    Optional<Conversation> get(ConversationId id, Supplier<Optional<Conversation>> load) {
        Conversation cached = entries.get(id);
        if (cached != null) {
            return Optional.of(cached);
        }
        int stripe = stripe(id);
        long version = versions.get(stripe);
        Optional<Conversation> loaded = load.get();
        if (loaded.isPresent()) {
            entries.compute(id, (key, current) -> versions.get(stripe) == version ? loaded.get() : current);
        }
        return loaded;
    }

    /** After a committed message: moves the cached last message time forward. */
    void messageAdded(ConversationId id, Instant createdAt) {
        entries.compute(id, (key, current) -> {
            versions.incrementAndGet(stripe(key));
            return current == null ? null : current.withLastMessageAt(createdAt);
        });
    }

    /** After a committed change of participants: drops the entry, so the next read loads the new list. */
    void changed(ConversationId id) {
        entries.compute(id, (key, current) -> {
            versions.incrementAndGet(stripe(key));
            return null;
        });
    }

    private static int stripe(ConversationId id) {
        return Math.floorMod(id.hashCode(), STRIPES);
    }
}
