package io.messaging.bench;

import io.messaging.core.model.Conversation;
import io.messaging.core.model.ConversationId;
import io.messaging.core.model.User;
import io.messaging.core.model.UserAccount;
import io.messaging.core.model.UserId;
import io.messaging.core.port.out.Stores;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The users ({@code u0}, {@code u1}, ... named {@code user0}, ...) and the direct conversations between them
 * ({@code c0}, {@code c1}, ...) that a benchmark works on, stored straight through the out-ports.
 */
record Population(List<UserId> users, List<Conversation> conversations) {

    /** Stores {@code users} active users and {@code conversations} direct conversations spread evenly over them. */
    static Population of(Stores stores, int users, int conversations) {
        var userIds = new ArrayList<UserId>();
        for (int i = 0; i < users; i++) {
            var user = new User(
                    UserId.of("u" + i),
                    "user" + i,
                    "user" + i + "@example.com",
                    "User " + i,
                    true,
                    Instant.now(),
                    Optional.empty());
            stores.users().insert(new UserAccount(user, "unused"));
            userIds.add(user.id());
        }
        var pairs = new ArrayList<Conversation>();
        for (int i = 0; i < conversations; i++) {
            UserId first = userIds.get(i % users);
            UserId second = userIds.get((i / users + 1 + i) % users);
            if (first.equals(second)) {
                second = userIds.get((i + 1) % users);
            }
            pairs.add(stores.conversations()
                    .insertDirectIfAbsent(
                            Conversation.direct(ConversationId.of("c" + i), first, second, Instant.now())));
        }
        return new Population(List.copyOf(userIds), List.copyOf(pairs));
    }
}
