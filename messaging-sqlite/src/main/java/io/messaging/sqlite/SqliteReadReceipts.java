package io.messaging.sqlite;

import io.messaging.core.model.ConversationId;
import io.messaging.core.model.Message;
import io.messaging.core.model.MessageId;
import io.messaging.core.model.UserId;
import io.messaging.core.port.out.ReadReceipts;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Read receipts and unread counts on SQLite. A reader's start moves past everything it read up to a seq, so unread
 * counts scan only what came after; acknowledged messages not yet in the tables ({@link UnappliedMessages}) are
 * counted from memory.
 */
final class SqliteReadReceipts implements ReadReceipts {
    private static final String UNREAD = "m.conversation_id = ? AND m.seq > coalesce((SELECT seq FROM "
            + "reading_starts WHERE conversation_id = m.conversation_id AND user_id = ?), 0) AND m.sender_id <> ? "
            + "AND m.deleted = 0 AND NOT EXISTS (SELECT 1 FROM receipts r WHERE r.message_id = m.id "
            + "AND r.user_id = ?)";

    private final Database db;
    private final UnappliedMessages unapplied;

    SqliteReadReceipts(Database db, UnappliedMessages unapplied) {
        this.db = db;
        this.unapplied = unapplied;
    }

    @Override
    public List<MessageId> markRead(
            ConversationId conversationId, UserId readerId, Collection<MessageId> messageIds, Instant readAt) {
        if (messageIds.isEmpty()) {
            return List.of();
        }
        String ids =
                Json.array(messageIds.stream().map(MessageId::value).distinct().toList());
        return recordReceipts(
                "SELECT m.id, m.seq FROM messages m WHERE " + UNREAD
                        + " AND m.id IN (SELECT value FROM json_each(?)) ORDER BY m.seq",
                conversationId,
                readerId,
                readAt,
                Optional.empty(),
                ids);
    }

    @Override
    public List<MessageId> markReadUpTo(ConversationId conversationId, UserId readerId, long upToSeq, Instant readAt) {
        return recordReceipts(
                "SELECT m.id, m.seq FROM messages m WHERE " + UNREAD + " AND m.seq <= ? ORDER BY m.seq",
                conversationId,
                readerId,
                readAt,
                Optional.of(upToSeq),
                upToSeq);
    }

    /**
     * Records receipts for the unread messages the query selects. After reading everything up to a seq, the
     * reader's start moves there too, so later unread counts scan only what came after.
     */
    private List<MessageId> recordReceipts(
            String select,
            ConversationId conversationId,
            UserId readerId,
            Instant readAt,
            Optional<Long> everythingUpTo,
            Object extra) {
        return db.write(connection -> {
            var newlyRead = new ArrayList<MessageId>();
            try (var statement = Rows.bind(
                            connection.prepareStatement(select),
                            conversationId.value(),
                            readerId.value(),
                            readerId.value(),
                            readerId.value(),
                            extra);
                    var rows = statement.executeQuery()) {
                while (rows.next()) {
                    newlyRead.add(MessageId.of(rows.getString(1)));
                }
            }
            try (var insert = connection.prepareStatement("INSERT OR IGNORE INTO receipts (message_id, user_id, "
                    + "conversation_id, read_at) VALUES (?, ?, ?, ?)")) {
                for (MessageId id : newlyRead) {
                    Rows.bind(insert, id.value(), readerId.value(), conversationId.value(), readAt);
                    insert.executeUpdate();
                }
            }
            if (everythingUpTo.isPresent()) {
                moveReadingStart(connection, conversationId, readerId, everythingUpTo.get());
            }
            return newlyRead;
        });
    }

    private static void moveReadingStart(Connection connection, ConversationId conversationId, UserId userId, long seq)
            throws SQLException {
        try (var statement = connection.prepareStatement("INSERT INTO reading_starts (conversation_id, user_id, seq) "
                + "SELECT ?1, ?2, min(?3, last_seq) FROM conversations WHERE id = ?1 "
                + "ON CONFLICT (conversation_id, user_id) DO UPDATE SET seq = max(seq, excluded.seq)")) {
            Rows.bind(statement, conversationId.value(), userId.value(), seq);
            statement.executeUpdate();
        }
    }

    @Override
    public void startReadingAfter(ConversationId conversationId, UserId userId, long seq) {
        db.write(connection -> {
            try (var statement = connection.prepareStatement("INSERT INTO reading_starts (conversation_id, user_id, "
                    + "seq) VALUES (?, ?, ?) ON CONFLICT (conversation_id, user_id) "
                    + "DO UPDATE SET seq = max(seq, excluded.seq)")) {
                Rows.bind(statement, conversationId.value(), userId.value(), seq);
                return statement.executeUpdate();
            }
        });
    }

    /**
     * Counts in the tables only the messages below the first pending one of each conversation, and the pending ones
     * (read before) by themselves, so a message written into the tables meanwhile is not counted twice. Pending
     * messages have no receipts and are not deleted yet: both are writes, which the writer does after them.
     */
    @Override
    public Map<ConversationId, Long> unreadCounts(UserId userId, Collection<ConversationId> conversationIds) {
        var waiting = new HashMap<ConversationId, List<Message>>();
        for (ConversationId id : conversationIds) {
            List<Message> tail = unapplied.of(id);
            if (!tail.isEmpty()) {
                waiting.put(id, tail);
            }
        }
        return db.read(connection -> {
            var counts = new HashMap<ConversationId, Long>();
            var count = db.statement(connection, "SELECT count(*) FROM messages m WHERE " + UNREAD + " AND m.seq < ?");
            for (ConversationId id : conversationIds) {
                List<Message> tail = waiting.getOrDefault(id, List.of());
                long below = tail.isEmpty() ? Long.MAX_VALUE : tail.get(0).seq();
                Rows.bind(count, id.value(), userId.value(), userId.value(), userId.value(), below);
                long unread;
                try (var rows = count.executeQuery()) {
                    unread = rows.next() ? rows.getLong(1) : 0L;
                }
                if (!tail.isEmpty()) {
                    long start = readingStart(connection, id, userId);
                    unread += tail.stream()
                            .filter(message ->
                                    message.seq() > start && !message.senderId().equals(userId))
                            .count();
                }
                counts.put(id, unread);
            }
            return counts;
        });
    }

    private long readingStart(Connection connection, ConversationId conversationId, UserId userId) throws SQLException {
        try (var rows = Rows.bind(
                        db.statement(
                                connection,
                                "SELECT seq FROM reading_starts WHERE conversation_id = ? " + "AND user_id = ?"),
                        conversationId.value(),
                        userId.value())
                .executeQuery()) {
            return rows.next() ? rows.getLong(1) : 0L;
        }
    }
}
