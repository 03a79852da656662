package io.messaging.sqlite;

import io.messaging.core.model.AttachmentId;
import io.messaging.core.model.ConversationId;
import io.messaging.core.model.Message;
import io.messaging.core.model.MessageId;
import io.messaging.core.model.NewMessage;
import io.messaging.core.model.UserId;
import io.messaging.core.port.out.Messages;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * Messages on SQLite. Appends go through the {@link Journal}, which decides seq and idempotency and acknowledges
 * them; the main writer later puts them into the tables ({@link TableCatchUp}), and until then reads merge the
 * {@link UnappliedMessages}. A search first has the writer bring the {@link SearchIndex} up to date.
 */
final class SqliteMessages implements Messages {
    private final Database db;
    private final MessageRows rows;
    private final UnappliedMessages unapplied;
    private final SearchIndex searchIndex;
    private final Journal journal;

    SqliteMessages(
            Database db, MessageRows rows, UnappliedMessages unapplied, SearchIndex searchIndex, Journal journal) {
        this.db = db;
        this.rows = rows;
        this.unapplied = unapplied;
        this.searchIndex = searchIndex;
        this.journal = journal;
    }

    /** Appends through the {@link Journal}: durable once it returns, in the tables shortly after. */
    @Override
    public AppendOutcome append(NewMessage message) {
        return Database.await(journal.append(message), "an append");
    }

    /** Completes on the journal's thread, right after the commit that makes the message durable. */
    @Override
    public CompletionStage<AppendOutcome> appendAsync(NewMessage message) {
        return journal.append(message);
    }

    @Override
    public Optional<Message> findById(MessageId id) {
        Optional<Message> waiting = unapplied.byId(id);
        Optional<Message> stored = db.read(connection -> rows.byId(connection, id.value()));
        return stored.isPresent() ? stored : waiting;
    }

    @Override
    public List<Message> listBefore(ConversationId conversationId, long beforeSeq, int limit) {
        return page(conversationId, true, beforeSeq, limit);
    }

    @Override
    public List<Message> listAfter(ConversationId conversationId, long afterSeq, int limit) {
        return page(conversationId, false, afterSeq, limit);
    }

    /** The page of messages just before (newest first) or just after (oldest first) {@code seq}. */
    private List<Message> page(ConversationId conversationId, boolean before, long seq, int limit) {
        List<Message> waiting = unapplied.of(conversationId).stream()
                .filter(message -> before ? message.seq() < seq : message.seq() > seq)
                .toList();
        List<Message> stored = db.read(connection -> rows.query(
                connection,
                "SELECT " + MessageRows.COLUMNS + " FROM messages m "
                        + "WHERE m.conversation_id = ? AND m.seq "
                        + (before ? "< ? ORDER BY m.seq DESC" : "> ? ORDER BY m.seq")
                        + " LIMIT ?",
                conversationId.value(),
                seq,
                limit));
        Comparator<Message> bySeq = Comparator.comparingLong(Message::seq);
        return merge(stored, waiting, before ? bySeq.reversed() : bySeq, limit);
    }

    /**
     * One page from the tables' messages and the pending ones read before them: the tables' copy wins where both
     * have a message, in {@code order}, at most {@code limit}.
     */
    private static List<Message> merge(
            List<Message> stored, List<Message> waiting, Comparator<Message> order, int limit) {
        if (waiting.isEmpty()) {
            return stored;
        }
        var bySeq = new HashMap<Long, Message>();
        waiting.forEach(message -> bySeq.put(message.seq(), message));
        stored.forEach(message -> bySeq.put(message.seq(), message));
        return bySeq.values().stream().sorted(order).limit(limit).toList();
    }

    @Override
    public Map<ConversationId, Message> latestOf(Collection<ConversationId> conversationIds) {
        if (conversationIds.isEmpty()) {
            return Map.of();
        }
        Map<ConversationId, Message> latest = unapplied.latestOf(conversationIds);
        db.read(connection -> {
            for (Message message : rows.query(
                    connection,
                    "SELECT " + MessageRows.COLUMNS + " FROM conversations c "
                            + "JOIN messages m ON m.conversation_id = c.id AND m.seq = c.last_seq "
                            + "WHERE c.id IN (SELECT value FROM json_each(?))",
                    Json.array(
                            conversationIds.stream().map(ConversationId::value).toList()))) {
                latest.merge(
                        message.conversationId(),
                        message,
                        (waiting, stored) -> waiting.seq() > stored.seq() ? waiting : stored);
            }
            return null;
        });
        return latest;
    }

    @Override
    public Optional<Message> edit(MessageId id, String content, Instant editedAt) {
        return update(id, "UPDATE messages SET content = ?, edited_at = ? WHERE id = ?", content, editedAt, id.value());
    }

    @Override
    public Optional<Message> softDelete(MessageId id, Instant deletedAt) {
        return db.write(connection -> {
            try (var statement = Rows.bind(
                    connection.prepareStatement("UPDATE messages SET deleted = 1, content = NULL, "
                            + "deleted_at = ? WHERE id = ? AND deleted = 0"),
                    deletedAt,
                    id.value())) {
                if (statement.executeUpdate() == 1) {
                    try (var clear = connection.prepareStatement("DELETE FROM reactions WHERE message_id = ?")) {
                        clear.setString(1, id.value());
                        clear.executeUpdate();
                    }
                    try (var clear = connection.prepareStatement("DELETE FROM message_voice WHERE message_id = ?")) {
                        clear.setString(1, id.value());
                        clear.executeUpdate();
                    }
                    try (var clear =
                            connection.prepareStatement("DELETE FROM message_envelopes WHERE message_id = ?")) {
                        clear.setString(1, id.value());
                        clear.executeUpdate();
                    }
                }
            }
            return rows.byId(connection, id.value());
        });
    }

    @Override
    public Optional<Message> setReaction(MessageId id, String emoji, UserId userId, boolean present) {
        String sql = present
                ? "INSERT OR IGNORE INTO reactions (message_id, emoji, user_id) SELECT ?, ?, ? WHERE EXISTS "
                        + "(SELECT 1 FROM messages WHERE id = ? AND deleted = 0)"
                : "DELETE FROM reactions WHERE message_id = ? AND emoji = ? AND user_id = ? AND ? IS NOT NULL";
        return update(id, sql, id.value(), emoji, userId.value(), id.value());
    }

    private Optional<Message> update(MessageId id, String sql, Object... values) {
        return db.write(connection -> {
            try (var statement = Rows.bind(connection.prepareStatement(sql), values)) {
                statement.executeUpdate();
            }
            return rows.byId(connection, id.value());
        });
    }

    @Override
    public List<Message> search(
            Collection<ConversationId> conversationIds, String query, int limit, Optional<SearchCursor> after) {
        Optional<String> match = FullTextQuery.of(query);
        if (match.isEmpty() || conversationIds.isEmpty()) {
            return List.of();
        }
        String scope =
                Json.array(conversationIds.stream().map(ConversationId::value).toList());
        db.write(connection -> {
            searchIndex.catchUp(connection);
            return null;
        });
        return db.read(connection -> {
            String sql = "SELECT " + MessageRows.COLUMNS + " FROM messages_fts f JOIN messages m ON m.rowid = f.rowid "
                    + "WHERE messages_fts MATCH ? AND m.deleted = 0 "
                    + "AND m.conversation_id IN (SELECT value FROM json_each(?))"
                    + (after.isPresent() ? " AND (m.created_at < ? OR (m.created_at = ? AND m.id < ?))" : "")
                    + " ORDER BY m.created_at DESC, m.id DESC LIMIT ?";
            return after.isPresent()
                    ? rows.query(
                            connection,
                            sql,
                            match.get(),
                            scope,
                            after.get().createdAt(),
                            after.get().createdAt(),
                            after.get().id().value(),
                            limit)
                    : rows.query(connection, sql, match.get(), scope, limit);
        });
    }

    @Override
    public Set<ConversationId> conversationsReferencing(AttachmentId attachmentId) {
        if (!unapplied.isEmpty()) {
            db.barrier();
        }
        return db.read(connection -> {
            var found = new HashSet<ConversationId>();
            try (var statement = Rows.bind(
                            connection.prepareStatement("SELECT DISTINCT conversation_id FROM "
                                    + "message_attachments WHERE attachment_id = ?"),
                            attachmentId.value());
                    var rows = statement.executeQuery()) {
                while (rows.next()) {
                    found.add(ConversationId.of(rows.getString(1)));
                }
            }
            return found;
        });
    }
}
