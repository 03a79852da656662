package io.messaging.core.memory;

import io.messaging.core.model.User;
import io.messaging.core.model.UserAccount;
import io.messaging.core.model.UserId;
import io.messaging.core.port.out.Users;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The user store in memory. */
final class InMemoryUsers implements Users {
    private final Map<UserId, UserAccount> byId = new HashMap<>();
    private final Map<String, UserId> byUsername = new HashMap<>();
    private final Map<String, UserId> byEmail = new HashMap<>();

    @Override
    public synchronized InsertOutcome insert(UserAccount account) {
        Objects.requireNonNull(account, "account");
        if (byUsername.containsKey(Users.key(account.user().username()))) {
            return new InsertOutcome.UsernameTaken();
        }
        if (byEmail.containsKey(Users.key(account.user().email()))) {
            return new InsertOutcome.EmailTaken();
        }
        byId.put(account.id(), account);
        byUsername.put(Users.key(account.user().username()), account.id());
        byEmail.put(Users.key(account.user().email()), account.id());
        return new InsertOutcome.Inserted(account);
    }

    @Override
    public synchronized Optional<UserAccount> findById(UserId id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public synchronized Optional<UserAccount> findByUsername(String username) {
        return Optional.ofNullable(byUsername.get(Users.key(username))).map(byId::get);
    }

    @Override
    public synchronized Optional<UserAccount> findByEmail(String email) {
        return Optional.ofNullable(byEmail.get(Users.key(email))).map(byId::get);
    }

    @Override
    public synchronized List<User> findByIds(Collection<UserId> ids) {
        return ids.stream()
                .distinct()
                .map(byId::get)
                .filter(Objects::nonNull)
                .map(UserAccount::user)
                .toList();
    }

    @Override
    public synchronized List<User> search(String query, int limit) {
        String needle = Users.key(query);
        return byId.values().stream()
                .map(UserAccount::user)
                .filter(User::active)
                .filter(user -> Users.key(user.username()).contains(needle)
                        || Users.key(user.displayName()).contains(needle))
                .sorted(Users.searchOrder(query))
                .limit(limit)
                .toList();
    }

    @Override
    public synchronized Optional<User> activate(UserId id) {
        var account = byId.get(id);
        if (account == null) {
            return Optional.empty();
        }
        var activated = new UserAccount(account.user().activated(), account.passwordHash(), account.tokenVersion());
        byId.put(id, activated);
        return Optional.of(activated.user());
    }

    @Override
    public synchronized boolean updatePasswordHash(UserId id, String passwordHash) {
        var account = byId.get(id);
        if (account == null) {
            return false;
        }
        byId.put(id, new UserAccount(account.user(), passwordHash, account.tokenVersion() + 1));
        return true;
    }

    @Override
    public synchronized void updateLastSeen(UserId id, Instant lastSeenAt) {
        var account = byId.get(id);
        if (account != null) {
            byId.put(
                    id,
                    new UserAccount(account.user().seenAt(lastSeenAt), account.passwordHash(), account.tokenVersion()));
        }
    }
}
