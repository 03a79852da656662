package io.messaging.sqlite;

import io.messaging.core.model.PushSubscription;
import io.messaging.core.model.PushSubscriptionId;
import io.messaging.core.model.UserId;
import io.messaging.core.port.out.PushSubscriptions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** Web Push subscriptions on SQLite; a subscribe runs whole on the single writer, so its checks cannot race. */
final class SqlitePushSubscriptions implements PushSubscriptions {
    private static final String COLUMNS = "id, user_id, endpoint, p256dh, auth, created_at";
    private final Database db;

    SqlitePushSubscriptions(Database db) {
        this.db = db;
    }

    @Override
    public SubscribeOutcome subscribe(PushSubscription candidate, int maxPerUser) {
        return db.write(connection -> {
            Optional<PushSubscription> holder = one(connection, "endpoint = ?", candidate.endpoint());
            if (holder.isPresent() && holder.get().userId().equals(candidate.userId())) {
                var renewed = holder.get().withKeysOf(candidate);
                try (var update = connection.prepareStatement(
                        "UPDATE push_subscriptions SET p256dh = ?, auth = ? WHERE id = ?")) {
                    Rows.bind(
                                    update,
                                    renewed.p256dh(),
                                    renewed.auth(),
                                    renewed.id().value())
                            .executeUpdate();
                }
                return new SubscribeOutcome.Existing(renewed);
            }
            try (var count = connection.prepareStatement("SELECT count(*) FROM push_subscriptions WHERE user_id = ?")) {
                try (var rows = Rows.bind(count, candidate.userId().value()).executeQuery()) {
                    if (rows.next() && rows.getLong(1) >= maxPerUser) {
                        return new SubscribeOutcome.LimitReached();
                    }
                }
            }
            try (var delete = connection.prepareStatement("DELETE FROM push_subscriptions WHERE endpoint = ?");
                    var insert = connection.prepareStatement(
                            "INSERT INTO push_subscriptions (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)")) {
                Rows.bind(delete, candidate.endpoint()).executeUpdate();
                Rows.bind(
                                insert,
                                candidate.id().value(),
                                candidate.userId().value(),
                                candidate.endpoint(),
                                candidate.p256dh(),
                                candidate.auth(),
                                candidate.createdAt())
                        .executeUpdate();
            }
            return new SubscribeOutcome.Added(candidate);
        });
    }

    @Override
    public List<PushSubscription> ofUser(UserId userId) {
        return db.read(connection -> many(connection, "user_id = ? ORDER BY created_at, id", userId.value()));
    }

    @Override
    public List<PushSubscription> ofUsers(Collection<UserId> userIds) {
        if (userIds.isEmpty()) {
            return List.of();
        }
        String marks = String.join(", ", Collections.nCopies(userIds.size(), "?"));
        return db.read(connection -> many(
                connection,
                "user_id IN (" + marks + ")",
                userIds.stream().map(UserId::value).toArray()));
    }

    @Override
    public Optional<PushSubscription> find(PushSubscriptionId id) {
        return db.read(connection -> one(connection, "id = ?", id.value()));
    }

    @Override
    public boolean remove(PushSubscriptionId id) {
        return db.write(connection -> {
            try (var delete = connection.prepareStatement("DELETE FROM push_subscriptions WHERE id = ?")) {
                return Rows.bind(delete, id.value()).executeUpdate() > 0;
            }
        });
    }

    private static Optional<PushSubscription> one(Connection connection, String where, Object... values)
            throws SQLException {
        return many(connection, where, values).stream().findFirst();
    }

    private static List<PushSubscription> many(Connection connection, String where, Object... values)
            throws SQLException {
        try (var select =
                connection.prepareStatement("SELECT " + COLUMNS + " FROM push_subscriptions WHERE " + where)) {
            try (ResultSet rows = Rows.bind(select, values).executeQuery()) {
                var found = new ArrayList<PushSubscription>();
                while (rows.next()) {
                    found.add(new PushSubscription(
                            PushSubscriptionId.of(rows.getString("id")),
                            UserId.of(rows.getString("user_id")),
                            rows.getString("endpoint"),
                            rows.getString("p256dh"),
                            rows.getString("auth"),
                            Instant.ofEpochMilli(rows.getLong("created_at"))));
                }
                return List.copyOf(found);
            }
        }
    }
}
