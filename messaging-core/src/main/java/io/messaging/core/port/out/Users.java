package io.messaging.core.port.out;

import io.messaging.core.model.User;
import io.messaging.core.model.UserAccount;
import io.messaging.core.model.UserId;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The user store. Usernames and emails are unique case-insensitively; lookups by them ignore case.
 * Implementations are thread-safe, never return null, never keep or return the caller's objects by reference
 * in a way that later mutation could affect (all values are immutable), and throw {@link StoreException} when the
 * store cannot be reached.
 */
public interface Users {

    /** Outcome of inserting an account. */
    sealed interface InsertOutcome {
        /** The account is stored. */
        record Inserted(UserAccount account) implements InsertOutcome {}

        /** Another account has this username (case-insensitively); nothing was stored. */
        record UsernameTaken() implements InsertOutcome {}

        /** Another account has this email (case-insensitively); nothing was stored. */
        record EmailTaken() implements InsertOutcome {}
    }

    /** Stores a new account atomically with respect to the uniqueness of username and email. */
    InsertOutcome insert(UserAccount account);

    Optional<UserAccount> findById(UserId id);

    /** The account with this username, ignoring case. */
    Optional<UserAccount> findByUsername(String username);

    /** The account with this email, ignoring case. */
    Optional<UserAccount> findByEmail(String email);

    /** The users with these ids that exist, in no particular order. */
    List<User> findByIds(Collection<UserId> ids);

    /**
     * Active users whose username or display name contains {@code query} (ignoring case), usernames starting with
     * it first, then by username; at most {@code limit} (1..100).
     */
    List<User> search(String query, int limit);

    /**
     * The order {@link #search} answers in, for a store that sorts its matches itself: usernames starting with
     * {@code query} (ignoring case) first, then by username.
     */
    static Comparator<User> searchOrder(String query) {
        String needle = key(query);
        return Comparator.comparing((User user) -> !key(user.username()).startsWith(needle))
                .thenComparing(User::username);
    }

    /** The case-folded form of a username or email, under which a store keeps it unique and looks it up. */
    static String key(String value) {
        return value.toLowerCase(Locale.ROOT);
    }

    /** Marks the account active; returns the updated user, or empty if there is no such account. Idempotent. */
    Optional<User> activate(UserId id);

    /**
     * Replaces the password hash and increments the token version in the same atomic change, which revokes every
     * token issued before; returns false (and changes nothing) if there is no such account.
     */
    boolean updatePasswordHash(UserId id, String passwordHash);

    /** Records when the user was last seen online; no-op for an unknown id. */
    void updateLastSeen(UserId id, Instant lastSeenAt);
}
