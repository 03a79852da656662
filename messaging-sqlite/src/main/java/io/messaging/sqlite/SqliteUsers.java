package io.messaging.sqlite;

import io.messaging.core.model.User;
import io.messaging.core.model.UserAccount;
import io.messaging.core.model.UserId;
import io.messaging.core.port.out.Users;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The user store on SQLite. Accounts read by id are cached (see {@link StoreCache}), since every authenticated
 * request and socket reads its user's account to check the token's version.
 */
final class SqliteUsers implements Users {
    private static final String COLUMNS =
            "id, username, email, display_name, active, created_at, last_seen_at, " + "password_hash, token_version";
    private static final int CACHED_ACCOUNTS = 20_000;
    private final Database db;
    private final StoreCache<UserId, UserAccount> accounts = new StoreCache<>(CACHED_ACCOUNTS);

    SqliteUsers(Database db) {
        this.db = db;
    }

    @Override
    public InsertOutcome insert(UserAccount account) {
        User user = account.user();
        return db.write(connection -> {
            if (exists(connection, "username_key", Users.key(user.username()))) {
                return new InsertOutcome.UsernameTaken();
            }
            if (exists(connection, "email_key", Users.key(user.email()))) {
                return new InsertOutcome.EmailTaken();
            }
            try (var statement = connection.prepareStatement("INSERT INTO users (id, username, username_key, email, "
                    + "email_key, display_name, active, created_at, last_seen_at, password_hash, token_version) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                Rows.bind(
                        statement,
                        user.id().value(),
                        user.username(),
                        Users.key(user.username()),
                        user.email(),
                        Users.key(user.email()),
                        user.displayName(),
                        user.active() ? 1 : 0,
                        user.createdAt(),
                        null,
                        account.passwordHash(),
                        account.tokenVersion());
                Rows.setInstant(statement, 9, user.lastSeenAt());
                statement.executeUpdate();
            }
            return new InsertOutcome.Inserted(account);
        });
    }

    private boolean exists(Connection connection, String column, String value) throws SQLException {
        try (var rows = Rows.bind(db.statement(connection, "SELECT 1 FROM users WHERE " + column + " = ?"), value)
                .executeQuery()) {
            return rows.next();
        }
    }

    @Override
    public Optional<UserAccount> findById(UserId id) {
        return accounts.get(id, () -> findOne("id = ?", id.value()));
    }

    @Override
    public Optional<UserAccount> findByUsername(String username) {
        return findOne("username_key = ?", Users.key(username));
    }

    @Override
    public Optional<UserAccount> findByEmail(String email) {
        return findOne("email_key = ?", Users.key(email));
    }

    private Optional<UserAccount> findOne(String where, String value) {
        return db.read(connection -> {
            try (var rows = Rows.bind(
                            db.statement(connection, "SELECT " + COLUMNS + " FROM users WHERE " + where), value)
                    .executeQuery()) {
                return rows.next() ? Optional.of(account(rows)) : Optional.<UserAccount>empty();
            }
        });
    }

    @Override
    public List<User> findByIds(Collection<UserId> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return db.read(connection -> {
            try (var statement = connection.prepareStatement(
                    "SELECT " + COLUMNS + " FROM users WHERE id IN (SELECT value FROM json_each(?))")) {
                statement.setString(
                        1, Json.array(ids.stream().map(UserId::value).distinct().toList()));
                return users(statement.executeQuery());
            }
        });
    }

    @Override
    public List<User> search(String query, int limit) {
        String needle = Users.key(query);
        String pattern = "%" + needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        return db.read(connection -> {
            try (var statement = connection.prepareStatement("SELECT " + COLUMNS + " FROM users WHERE active = 1 AND "
                    + "(username_key LIKE ? ESCAPE '\\' OR lower(display_name) LIKE ? ESCAPE '\\') "
                    + "ORDER BY substr(username_key, 1, ?) <> ?, username LIMIT ?")) {
                Rows.bind(statement, pattern, pattern, needle.length(), needle, limit);
                return users(statement.executeQuery());
            }
        });
    }

    @Override
    public Optional<User> activate(UserId id) {
        boolean updated = db.write(connection -> {
            try (var statement = connection.prepareStatement("UPDATE users SET active = 1 WHERE id = ?")) {
                statement.setString(1, id.value());
                return statement.executeUpdate() == 1;
            }
        });
        accounts.drop(id);
        return updated ? findById(id).map(UserAccount::user) : Optional.empty();
    }

    @Override
    public boolean updatePasswordHash(UserId id, String passwordHash) {
        boolean updated = db.write(connection -> {
            try (var statement = connection.prepareStatement(
                    "UPDATE users SET password_hash = ?, " + "token_version = token_version + 1 WHERE id = ?")) {
                Rows.bind(statement, passwordHash, id.value());
                return statement.executeUpdate() == 1;
            }
        });
        accounts.drop(id);
        return updated;
    }

    @Override
    public void updateLastSeen(UserId id, Instant lastSeenAt) {
        db.write(connection -> {
            try (var statement = connection.prepareStatement("UPDATE users SET last_seen_at = ? WHERE id = ?")) {
                Rows.bind(statement, lastSeenAt, id.value());
                return statement.executeUpdate();
            }
        });
        accounts.drop(id);
    }

    private static List<User> users(ResultSet rows) throws SQLException {
        try (rows) {
            var users = new ArrayList<User>();
            while (rows.next()) {
                users.add(account(rows).user());
            }
            return users;
        }
    }

    private static UserAccount account(ResultSet rows) throws SQLException {
        var user = new User(
                UserId.of(rows.getString("id")),
                rows.getString("username"),
                rows.getString("email"),
                rows.getString("display_name"),
                rows.getInt("active") == 1,
                Instant.ofEpochMilli(rows.getLong("created_at")),
                Rows.instant(rows, "last_seen_at"));
        return new UserAccount(user, rows.getString("password_hash"), rows.getLong("token_version"));
    }
}
