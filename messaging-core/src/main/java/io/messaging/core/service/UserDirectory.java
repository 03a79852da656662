package io.messaging.core.service;

import io.messaging.core.model.Outcome;
import io.messaging.core.model.User;
import io.messaging.core.model.UserAccount;
import io.messaging.core.model.UserId;
import io.messaging.core.port.in.Limits;
import io.messaging.core.port.in.SearchUsers;
import io.messaging.core.port.in.ViewUser;
import io.messaging.core.port.out.Users;
import java.util.List;

/** Looks users up by id and by name. */
public final class UserDirectory implements ViewUser, SearchUsers {
    private final Users users;

    public UserDirectory(Users users) {
        this.users = users;
    }

    @Override
    public Outcome<User> view(UserId viewerId, UserId userId) {
        return users.findById(userId)
                .map(UserAccount::user)
                .<Outcome<User>>map(Outcome::ok)
                .orElseGet(() -> Outcome.notFound("user"));
    }

    @Override
    public Outcome<List<User>> search(UserId viewerId, String query, int limit) {
        String trimmed = query.trim();
        if (trimmed.length() > Limits.USERNAME_MAX * 2) {
            return Outcome.invalid("query is too long");
        }
        int clamped = Limits.clampPage(limit);
        List<User> found = users.search(trimmed, clamped + 1).stream()
                .filter(user -> !user.id().equals(viewerId))
                .limit(clamped)
                .toList();
        return Outcome.ok(found);
    }
}
