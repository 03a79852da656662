package io.messaging.sqlite;

import io.messaging.core.model.Conversation;
import io.messaging.core.model.ConversationId;
import io.messaging.core.model.ConversationType;
import io.messaging.core.model.UserId;
import io.messaging.core.port.out.Conversations;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The conversation store on SQLite; conversations read by id are cached (see {@link ConversationCache}). A
 * conversation read from the tables gets the time of its newest {@link UnappliedMessages} message (looked up before the read).
 */
final class SqliteConversations implements Conversations {
    private static final String COLUMNS =
            "c.id, c.type, c.title, c.created_by, c.created_at, c.last_message_at, c.encrypted";
    private final Database db;
    private final ConversationCache cache;
    private final UnappliedMessages pending;

    SqliteConversations(Database db, ConversationCache cache, UnappliedMessages pending) {
        this.db = db;
        this.cache = cache;
        this.pending = pending;
    }

    /** Reads one conversation, with the last message time of its pending messages. */
    private Optional<Conversation> readWithPending(ConversationId id, Sql<Optional<Conversation>> read) {
        Optional<Instant> waiting = pending.lastMessageAt(id);
        Optional<Conversation> stored = db.read(read);
        return waiting.isPresent() ? stored.map(conversation -> conversation.withLastMessageAt(waiting.get())) : stored;
    }

    @Override
    public void insert(Conversation conversation) {
        db.write(connection -> {
            store(connection, conversation, null);
            return null;
        });
    }

    @Override
    public Conversation insertDirectIfAbsent(Conversation direct) {
        String key = Conversation.directKey(
                direct.participantIds().get(0), direct.participantIds().get(1));
        return db.write(connection -> {
            try (var statement = connection.prepareStatement("SELECT id FROM conversations WHERE direct_key = ?")) {
                statement.setString(1, key);
                try (var rows = statement.executeQuery()) {
                    if (rows.next()) {
                        return load(connection, ConversationId.of(rows.getString(1)))
                                .orElseThrow();
                    }
                }
            }
            store(connection, direct, key);
            return direct;
        });
    }

    private static void store(Connection connection, Conversation conversation, String directKey) throws SQLException {
        try (var statement = connection.prepareStatement(
                "INSERT INTO conversations (id, type, title, created_by, "
                        + "created_at, last_message_at, last_activity_at, direct_key, encrypted) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            Rows.bind(
                    statement,
                    conversation.id().value(),
                    conversation.type().name(),
                    null,
                    conversation.createdBy().value(),
                    conversation.createdAt(),
                    null,
                    conversation.lastActivityAt(),
                    directKey,
                    conversation.encrypted() ? 1 : 0);
            Rows.setText(statement, 3, conversation.title());
            Rows.setInstant(statement, 6, conversation.lastMessageAt());
            statement.executeUpdate();
        }
        addParticipants(connection, conversation.id(), conversation.participantIds());
    }

    private static void addParticipants(Connection connection, ConversationId id, Collection<UserId> userIds)
            throws SQLException {
        try (var statement = connection.prepareStatement("INSERT OR IGNORE INTO participants (conversation_id, "
                + "user_id, position) VALUES (?, ?, (SELECT coalesce(max(position), 0) + 1 FROM participants "
                + "WHERE conversation_id = ?))")) {
            for (UserId userId : userIds) {
                Rows.bind(statement, id.value(), userId.value(), id.value());
                statement.executeUpdate();
            }
        }
    }

    /** The conversation with its participants in the order they joined, read on the given connection. */
    Optional<Conversation> load(Connection connection, ConversationId id) throws SQLException {
        var statement = db.statement(connection, "SELECT " + COLUMNS + " FROM conversations c WHERE c.id = ?");
        statement.setString(1, id.value());
        try (var rows = statement.executeQuery()) {
            return rows.next() ? Optional.of(conversation(connection, rows)) : Optional.empty();
        }
    }

    private Conversation conversation(Connection connection, ResultSet rows) throws SQLException {
        var id = ConversationId.of(rows.getString("id"));
        var participants = new ArrayList<UserId>();
        var statement = db.statement(
                connection, "SELECT user_id FROM participants WHERE conversation_id = ? " + "ORDER BY position");
        statement.setString(1, id.value());
        try (var users = statement.executeQuery()) {
            while (users.next()) {
                participants.add(UserId.of(users.getString(1)));
            }
        }
        return new Conversation(
                id,
                ConversationType.valueOf(rows.getString("type").toUpperCase(Locale.ROOT)),
                Rows.text(rows, "title"),
                participants,
                UserId.of(rows.getString("created_by")),
                Instant.ofEpochMilli(rows.getLong("created_at")),
                Rows.instant(rows, "last_message_at"),
                rows.getInt("encrypted") == 1);
    }

    @Override
    public Optional<Conversation> findById(ConversationId id) {
        return cache.get(id, () -> readWithPending(id, connection -> load(connection, id)));
    }

    @Override
    public Optional<Conversation> findDirect(UserId first, UserId second) {
        Optional<ConversationId> id = db.read(connection -> {
            try (var statement = connection.prepareStatement("SELECT id FROM conversations WHERE direct_key = ?")) {
                statement.setString(1, Conversation.directKey(first, second));
                try (var rows = statement.executeQuery()) {
                    return rows.next()
                            ? Optional.of(ConversationId.of(rows.getString(1)))
                            : Optional.<ConversationId>empty();
                }
            }
        });
        return id.flatMap(this::findById);
    }

    /** Ordered by last activity, so the user's pending messages, if any, are written into the tables first. */
    @Override
    public List<Conversation> listForUser(UserId userId, int limit, Optional<ActivityCursor> after) {
        if (!pending.isEmpty() && pending.anyIn(idsForUser(userId))) {
            db.barrier();
        }
        return db.read(connection -> {
            String sql = "SELECT " + COLUMNS + " FROM participants p JOIN conversations c ON c.id = p.conversation_id "
                    + "WHERE p.user_id = ?"
                    + (after.isPresent()
                            ? " AND (c.last_activity_at < ? OR (c.last_activity_at = ? AND c.id < ?))"
                            : "")
                    + " ORDER BY c.last_activity_at DESC, c.id DESC LIMIT ?";
            try (var statement = connection.prepareStatement(sql)) {
                if (after.isPresent()) {
                    Rows.bind(
                            statement,
                            userId.value(),
                            after.get().lastActivityAt(),
                            after.get().lastActivityAt(),
                            after.get().id().value(),
                            limit);
                } else {
                    Rows.bind(statement, userId.value(), limit);
                }
                var found = new ArrayList<Conversation>();
                try (var rows = statement.executeQuery()) {
                    while (rows.next()) {
                        found.add(conversation(connection, rows));
                    }
                }
                return found;
            }
        });
    }

    @Override
    public List<ConversationId> idsForUser(UserId userId) {
        return db.read(connection -> {
            try (var statement =
                    connection.prepareStatement("SELECT conversation_id FROM participants " + "WHERE user_id = ?")) {
                statement.setString(1, userId.value());
                var ids = new ArrayList<ConversationId>();
                try (var rows = statement.executeQuery()) {
                    while (rows.next()) {
                        ids.add(ConversationId.of(rows.getString(1)));
                    }
                }
                return ids;
            }
        });
    }

    @Override
    public Set<UserId> contactsOf(UserId userId) {
        return db.read(connection -> {
            try (var statement = connection.prepareStatement("SELECT DISTINCT other.user_id FROM participants mine "
                    + "JOIN participants other ON other.conversation_id = mine.conversation_id "
                    + "WHERE mine.user_id = ? AND other.user_id <> ?")) {
                Rows.bind(statement, userId.value(), userId.value());
                var contacts = new HashSet<UserId>();
                try (var rows = statement.executeQuery()) {
                    while (rows.next()) {
                        contacts.add(UserId.of(rows.getString(1)));
                    }
                }
                return Set.copyOf(contacts);
            }
        });
    }

    @Override
    public Optional<Conversation> addParticipants(ConversationId id, Collection<UserId> userIds) {
        Optional<Conversation> updated = db.write(connection -> {
            if (load(connection, id).isEmpty()) {
                return Optional.<Conversation>empty();
            }
            addParticipants(connection, id, userIds);
            return load(connection, id);
        });
        cache.changed(id);
        return updated;
    }

    @Override
    public Optional<Conversation> removeParticipant(ConversationId id, UserId userId) {
        Optional<Conversation> updated = db.write(connection -> {
            try (var statement = connection.prepareStatement(
                    "DELETE FROM participants WHERE conversation_id = ? " + "AND user_id = ?")) {
                Rows.bind(statement, id.value(), userId.value());
                statement.executeUpdate();
            }
            return load(connection, id);
        });
        cache.changed(id);
        return updated;
    }

    @Override
    public Optional<Conversation> encrypt(ConversationId id) {
        Optional<Conversation> updated = db.write(connection -> {
            try (var statement = connection.prepareStatement("UPDATE conversations SET encrypted = 1 WHERE id = ?")) {
                Rows.bind(statement, id.value()).executeUpdate();
            }
            return load(connection, id);
        });
        cache.changed(id);
        return updated;
    }
}
