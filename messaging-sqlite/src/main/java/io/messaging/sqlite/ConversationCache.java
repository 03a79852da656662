package io.messaging.sqlite;

import io.messaging.core.model.Conversation;
import io.messaging.core.model.ConversationId;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Conversations recently read, so that the membership check of every send costs no database read; kept exact by the
 * store's commits (see {@link StoreCache}).
 */
final class ConversationCache {
    private final StoreCache<ConversationId, Conversation> entries;

    ConversationCache(int capacity) {
        this.entries = new StoreCache<>(capacity);
    }

    /** The cached conversation, or the one {@code load} reads (cached unless it changed meanwhile). */
    Optional<Conversation> get(ConversationId id, Supplier<Optional<Conversation>> load) {
        return entries.get(id, load);
    }

    /** After a committed message: moves the cached last message time forward. */
    void messageAdded(ConversationId id, Instant createdAt) {
        entries.update(id, current -> current.withLastMessageAt(createdAt));
    }

    /** After a committed change of participants: drops the entry, so the next read loads the new list. */
    void changed(ConversationId id) {
        entries.drop(id);
    }
}
