package io.messaging.core.port.out;

import io.messaging.core.model.Conversation;
import io.messaging.core.model.ConversationId;
import io.messaging.core.model.UserId;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The conversation store. Thread-safe; values are immutable and never null; throws {@link StoreException} when
 * the store cannot be reached. {@code lastMessageAt} is maintained by {@link Messages#append}, never by callers.
 */
public interface Conversations {

    /** Where a page of a user's conversations starts: strictly after this activity time and id. */
    record ActivityCursor(Instant lastActivityAt, ConversationId id) {}

    /** Stores a new group conversation. */
    void insert(Conversation conversation);

    /**
     * Stores a direct conversation unless one already exists for the same pair of users (in either order), and
     * returns the one that is stored. Concurrent calls for the same pair return the same conversation.
     */
    Conversation insertDirectIfAbsent(Conversation direct);

    Optional<Conversation> findById(ConversationId id);

    /** The direct conversation between two users, in either order. */
    Optional<Conversation> findDirect(UserId first, UserId second);

    /**
     * The user's conversations, most recent activity ({@link Conversation#lastActivityAt()}) first, ties by id
     * descending; those strictly after {@code after} in that order; at most {@code limit}.
     */
    List<Conversation> listForUser(UserId userId, int limit, Optional<ActivityCursor> after);

    /** The ids of every conversation the user takes part in. */
    List<ConversationId> idsForUser(UserId userId);

    /** Every user who shares at least one conversation with {@code userId}, without the user. */
    Set<UserId> contactsOf(UserId userId);

    /** Adds participants (ignoring those already in); returns the updated conversation, or empty if unknown. */
    Optional<Conversation> addParticipants(ConversationId id, Collection<UserId> userIds);

    /** Removes one participant; returns the updated conversation, or empty if unknown. Idempotent. */
    Optional<Conversation> removeParticipant(ConversationId id, UserId userId);

    /**
     * Marks the conversation end-to-end encrypted, for good; returns the updated conversation, or empty if unknown.
     * Idempotent. A conversation inserted with {@code encrypted} set is stored encrypted too.
     */
    Optional<Conversation> encrypt(ConversationId id);
}
