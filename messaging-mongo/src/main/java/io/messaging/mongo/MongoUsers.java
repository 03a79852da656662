package io.messaging.mongo;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.or;
import static com.mongodb.client.model.Filters.regex;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Updates;
import io.messaging.core.model.User;
import io.messaging.core.model.UserAccount;
import io.messaging.core.model.UserId;
import io.messaging.core.port.out.StoreException;
import io.messaging.core.port.out.Users;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.bson.Document;
import org.bson.conversions.Bson;

/** The user store on MongoDB; lower-cased username and email keys carry the unique indexes. */
final class MongoUsers implements Users {
    static final String USERNAME_INDEX = "users_username_key";
    static final String EMAIL_INDEX = "users_email_key";
    private final MongoCollection<Document> users;

    MongoUsers(MongoCollection<Document> users) {
        this.users = users;
    }

    @Override
    public InsertOutcome insert(UserAccount account) {
        User user = account.user();
        var document = new Document("_id", user.id().value())
                .append("username", user.username())
                .append("usernameKey", Users.key(user.username()))
                .append("email", user.email())
                .append("emailKey", Users.key(user.email()))
                .append("displayName", user.displayName())
                .append("active", user.active())
                .append("createdAt", Docs.date(user.createdAt()))
                .append("lastSeenAt", user.lastSeenAt().map(Docs::date).orElse(null))
                .append("passwordHash", account.passwordHash())
                .append("tokenVersion", account.tokenVersion());
        try {
            users.insertOne(document);
            return new InsertOutcome.Inserted(account);
        } catch (MongoException e) {
            if (Guard.isDuplicateOn(e, USERNAME_INDEX)) {
                return new InsertOutcome.UsernameTaken();
            }
            if (Guard.isDuplicateOn(e, EMAIL_INDEX)) {
                return new InsertOutcome.EmailTaken();
            }
            if (Guard.isDuplicateOn(e, null)) {
                return users.find(eq("usernameKey", Users.key(user.username()))).first() != null
                        ? new InsertOutcome.UsernameTaken()
                        : new InsertOutcome.EmailTaken();
            }
            throw new StoreException("MongoDB insert user failed", e);
        }
    }

    @Override
    public Optional<UserAccount> findById(UserId id) {
        return findOne(eq("_id", id.value()));
    }

    @Override
    public Optional<UserAccount> findByUsername(String username) {
        return findOne(eq("usernameKey", Users.key(username)));
    }

    @Override
    public Optional<UserAccount> findByEmail(String email) {
        return findOne(eq("emailKey", Users.key(email)));
    }

    private Optional<UserAccount> findOne(Bson filter) {
        return Guard.call(
                "find user",
                () -> Optional.ofNullable(users.find(filter).first()).map(MongoUsers::account));
    }

    @Override
    public List<User> findByIds(Collection<UserId> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return Guard.call(
                "find users",
                () -> users.find(in(
                                "_id",
                                ids.stream().map(UserId::value).distinct().toList()))
                        .map(document -> account(document).user())
                        .into(new ArrayList<>()));
    }

    @Override
    public List<User> search(String query, int limit) {
        String needle = Users.key(query);
        Pattern contains = Pattern.compile(Pattern.quote(needle), Pattern.CASE_INSENSITIVE);
        List<User> found = Guard.call(
                "search users",
                () -> users.find(and(
                                eq("active", true), or(regex("usernameKey", contains), regex("displayName", contains))))
                        .limit(limit * 4 + 20)
                        .map(document -> account(document).user())
                        .into(new ArrayList<>()));
        return found.stream().sorted(Users.searchOrder(query)).limit(limit).toList();
    }

    @Override
    public Optional<User> activate(UserId id) {
        return Guard.call("activate user", () -> {
            var result = users.updateOne(eq("_id", id.value()), Updates.set("active", true));
            return result.getMatchedCount() == 0
                    ? Optional.empty()
                    : findById(id).map(UserAccount::user);
        });
    }

    @Override
    public boolean updatePasswordHash(UserId id, String passwordHash) {
        return Guard.call(
                "update password",
                () -> users.updateOne(
                                        eq("_id", id.value()),
                                        Updates.combine(
                                                Updates.set("passwordHash", passwordHash),
                                                Updates.inc("tokenVersion", 1L)))
                                .getMatchedCount()
                        == 1);
    }

    @Override
    public void updateLastSeen(UserId id, Instant lastSeenAt) {
        Guard.run(
                "update last seen",
                () -> users.updateOne(eq("_id", id.value()), Updates.set("lastSeenAt", Docs.date(lastSeenAt))));
    }

    private static UserAccount account(Document document) {
        var user = new User(
                UserId.of(document.getString("_id")),
                document.getString("username"),
                document.getString("email"),
                document.getString("displayName"),
                document.getBoolean("active", false),
                Docs.instant(document, "createdAt"),
                Docs.optionalInstant(document, "lastSeenAt"));
        Number tokenVersion = document.get("tokenVersion", Number.class);
        return new UserAccount(
                user, document.getString("passwordHash"), tokenVersion == null ? 0 : tokenVersion.longValue());
    }
}
