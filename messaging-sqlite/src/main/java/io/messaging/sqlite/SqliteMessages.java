package io.messaging.sqlite;

import io.messaging.core.model.Attachment;
import io.messaging.core.model.AttachmentId;
import io.messaging.core.model.ConversationId;
import io.messaging.core.model.Message;
import io.messaging.core.model.MessageId;
import io.messaging.core.model.MessageType;
import io.messaging.core.model.NewMessage;
import io.messaging.core.model.ReadReceipt;
import io.messaging.core.model.ScheduledMessageId;
import io.messaging.core.model.UserId;
import io.messaging.core.model.VoiceNote;
import io.messaging.core.port.out.Messages;
import io.messaging.core.port.out.ReadReceipts;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * Messages, their receipts, reactions and full-text index on SQLite. Appends go through the {@link Journal}, which
 * decides seq and idempotency and acknowledges them; the writer later puts them into the tables ({@link #apply}),
 * and until then reads merge the {@link Pending} ones. New messages enter the full-text index in batches (see
 * {@link #indexForSearch}), and a search first lets the writer catch up and index whatever is still waiting, so it
 * always sees every acknowledged message.
 */
final class SqliteMessages implements Messages, ReadReceipts, Journal.Tables, AutoCloseable {
    /** New messages are indexed for search once this many are waiting, or as soon as the writer is idle. */
    private static final int SEARCH_INDEX_BATCH = 2_000;

    private static final String COLUMNS = "m.id, m.conversation_id, m.seq, m.sender_id, m.recipient_id, m.type, "
            + "m.content, m.client_message_id, m.reply_to_id, m.created_at, m.edited_at, m.deleted, m.deleted_at, "
            + "m.scheduled_message_id";
    private static final String UNREAD = "m.conversation_id = ? AND m.seq > coalesce((SELECT seq FROM "
            + "reading_starts WHERE conversation_id = m.conversation_id AND user_id = ?), 0) AND m.sender_id <> ? "
            + "AND m.deleted = 0 AND NOT EXISTS (SELECT 1 FROM receipts r WHERE r.message_id = m.id "
            + "AND r.user_id = ?)";

    private final Database db;
    private final Pending pending;
    private final Journal journal;
    /** Messages written into the tables since the last indexing run; touched only on the writer thread. */
    private int waitingForIndex;

    SqliteMessages(
            Database db,
            ConversationCache conversations,
            Path journalFile,
            boolean fsyncEveryCommit,
            Journal.Backlog backlog) {
        this.db = db;
        this.pending = new Pending();
        db.addUpkeep(new Database.Upkeep() {
            @Override
            public boolean isDue(boolean idle) {
                return waitingForIndex >= SEARCH_INDEX_BATCH || (idle && waitingForIndex > 0);
            }

            @Override
            public void run(Connection connection) throws SQLException {
                indexForSearch(connection);
            }
        });
        this.journal = new Journal(journalFile, fsyncEveryCommit, backlog, db, this, pending, conversations);
    }

    /** The messages acknowledged but not yet in the tables. */
    Pending pending() {
        return pending;
    }

    /**
     * Adds every message appended since the last run to the full-text index in one statement, which costs far less
     * per message than one index insert per append; when nothing is waiting it changes no page, so the search that
     * calls it first adds nothing to the commit. Edits and deletes of indexed messages update the index at once
     * (by trigger); those of messages still waiting need nothing, as they are indexed with their content of then.
     */
    private void indexForSearch(Connection connection) throws SQLException {
        db.statement(
                        connection,
                        "INSERT INTO messages_fts (rowid, content) SELECT rowid, coalesce(content, '') "
                                + "FROM messages WHERE rowid > (SELECT indexed_through FROM search_progress) AND deleted = 0")
                .executeUpdate();
        db.statement(
                        connection,
                        "UPDATE search_progress SET indexed_through = latest FROM "
                                + "(SELECT coalesce(max(rowid), 0) AS latest FROM messages) WHERE indexed_through < latest")
                .executeUpdate();
        waitingForIndex = 0;
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
    public void apply(Connection connection, List<Journal.Entry> entries) throws SQLException {
        var insert = db.statement(
                connection,
                "INSERT INTO messages (id, conversation_id, seq, sender_id, "
                        + "recipient_id, type, content, client_message_id, reply_to_id, created_at, scheduled_message_id) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        var heads = new HashMap<ConversationId, Message>();
        for (Journal.Entry entry : entries) {
            NewMessage message = entry.newMessage();
            long seq = entry.message().seq();
            Rows.bind(
                    insert,
                    message.id().value(),
                    message.conversationId().value(),
                    seq,
                    message.senderId().value(),
                    message.recipientId().map(UserId::value).orElse(null),
                    message.type().name(),
                    message.content(),
                    message.clientMessageId().orElse(null),
                    message.replyToId().map(MessageId::value).orElse(null),
                    message.createdAt(),
                    message.scheduledMessageId().map(ScheduledMessageId::value).orElse(null));
            insert.executeUpdate();
            storeAttachments(connection, message);
            storeVoice(connection, message);
            heads.merge(message.conversationId(), entry.message(), (a, b) -> a.seq() > b.seq() ? a : b);
        }
        var head = db.statement(
                connection,
                "UPDATE conversations SET last_seq = max(last_seq, ?), "
                        + "last_message_at = max(coalesce(last_message_at, 0), ?), "
                        + "last_activity_at = max(last_activity_at, ?) WHERE id = ?");
        for (Message latest : heads.values()) {
            Rows.bind(
                    head,
                    latest.seq(),
                    latest.createdAt(),
                    latest.createdAt(),
                    latest.conversationId().value());
            head.executeUpdate();
        }
        Rows.bind(
                        db.statement(
                                connection, "UPDATE journal_progress SET applied_through = max(applied_through, ?)"),
                        entries.get(entries.size() - 1).position())
                .executeUpdate();
        waitingForIndex += entries.size();
    }

    @Override
    public Optional<Message> storedByClientKey(Connection connection, UserId senderId, String clientMessageId)
            throws SQLException {
        return findByClientId(connection, senderId, clientMessageId);
    }

    @Override
    public OptionalLong lastSeq(Connection connection, ConversationId id) throws SQLException {
        try (var rows = Rows.bind(
                        db.statement(connection, "SELECT last_seq FROM conversations WHERE id = ?"), id.value())
                .executeQuery()) {
            return rows.next() ? OptionalLong.of(rows.getLong(1)) : OptionalLong.empty();
        }
    }

    @Override
    public long appliedThrough(Connection connection) throws SQLException {
        try (var rows = db.statement(connection, "SELECT applied_through FROM journal_progress")
                .executeQuery()) {
            return rows.next() ? rows.getLong(1) : 0;
        }
    }

    /** Journals what is queued; the writer, closed after, writes it into the tables. */
    @Override
    public void close() {
        journal.close();
    }

    private static void storeAttachments(Connection connection, NewMessage message) throws SQLException {
        if (message.attachments().isEmpty()) {
            return;
        }
        try (var statement = connection.prepareStatement("INSERT INTO message_attachments (message_id, position, "
                + "attachment_id, conversation_id, content_type, size, name) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            int position = 0;
            for (Attachment attachment : message.attachments()) {
                Rows.bind(
                        statement,
                        message.id().value(),
                        position++,
                        attachment.id().value(),
                        message.conversationId().value(),
                        attachment.contentType(),
                        attachment.size(),
                        attachment.name().orElse(null));
                statement.executeUpdate();
            }
        }
    }

    private void storeVoice(Connection connection, NewMessage message) throws SQLException {
        if (message.voice().isPresent()) {
            Rows.bind(
                            db.statement(
                                    connection,
                                    "INSERT INTO message_voice (message_id, duration_ms, waveform) "
                                            + "VALUES (?, ?, ?)"),
                            message.id().value(),
                            message.voice().get().durationMs(),
                            VoiceColumns.waveform(message.voice().get()))
                    .executeUpdate();
        }
    }

    /** The stored message of a retried send; one indexed probe when there is none (the common case). */
    private Optional<Message> findByClientId(Connection connection, UserId sender, String clientId)
            throws SQLException {
        var probe =
                db.statement(connection, "SELECT id FROM messages WHERE sender_id = ? " + "AND client_message_id = ?");
        Rows.bind(probe, sender.value(), clientId);
        String id;
        try (var rows = probe.executeQuery()) {
            if (!rows.next()) {
                return Optional.empty();
            }
            id = rows.getString(1);
        }
        return one(connection, "SELECT " + COLUMNS + " FROM messages m WHERE m.id = ?", id);
    }

    private Optional<Message> one(Connection connection, String sql, Object... values) throws SQLException {
        List<Message> found = query(connection, sql, values);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /** Runs a query of {@link #COLUMNS} and completes the messages with attachments, receipts and reactions. */
    private List<Message> query(Connection connection, String sql, Object... values) throws SQLException {
        var rowsById = new LinkedHashMap<String, Row>();
        try (var rows = Rows.bind(db.statement(connection, sql), values).executeQuery()) {
            while (rows.next()) {
                rowsById.put(rows.getString("id"), new Row(rows));
            }
        }
        if (rowsById.isEmpty()) {
            return List.of();
        }
        String ids = Json.array(rowsById.keySet());
        var attachments = attachments(connection, ids);
        var receipts = receipts(connection, ids);
        var reactions = reactions(connection, ids);
        var voices = rowsById.values().stream()
                        .anyMatch(row -> MessageType.VOICE.name().equalsIgnoreCase(row.type()))
                ? voices(connection, ids)
                : Map.<String, VoiceNote>of();
        var messages = new ArrayList<Message>(rowsById.size());
        rowsById.forEach((id, row) -> messages.add(row.toMessage(
                attachments.getOrDefault(id, List.of()),
                receipts.getOrDefault(id, List.of()),
                reactions.getOrDefault(id, Map.of()),
                Optional.ofNullable(voices.get(id)))));
        return messages;
    }

    private Map<String, VoiceNote> voices(Connection connection, String ids) throws SQLException {
        var byMessage = new HashMap<String, VoiceNote>();
        var statement = db.statement(
                connection,
                "SELECT message_id, duration_ms, waveform FROM message_voice "
                        + "WHERE message_id IN (SELECT value FROM json_each(?))");
        statement.setString(1, ids);
        try (var rows = statement.executeQuery()) {
            while (rows.next()) {
                byMessage.put(rows.getString(1), VoiceColumns.voice(rows.getLong(2), rows.getString(3)));
            }
        }
        return byMessage;
    }

    /** The columns of one message row. */
    private record Row(
            String id,
            String conversationId,
            long seq,
            String senderId,
            String recipientId,
            String type,
            String content,
            String clientMessageId,
            String replyToId,
            long createdAt,
            Optional<Instant> editedAt,
            boolean deleted,
            Optional<Instant> deletedAt,
            String scheduledMessageId) {
        Row(ResultSet rows) throws SQLException {
            this(
                    rows.getString("id"),
                    rows.getString("conversation_id"),
                    rows.getLong("seq"),
                    rows.getString("sender_id"),
                    rows.getString("recipient_id"),
                    rows.getString("type"),
                    rows.getString("content"),
                    rows.getString("client_message_id"),
                    rows.getString("reply_to_id"),
                    rows.getLong("created_at"),
                    Rows.instant(rows, "edited_at"),
                    rows.getInt("deleted") == 1,
                    Rows.instant(rows, "deleted_at"),
                    rows.getString("scheduled_message_id"));
        }

        Message toMessage(
                List<Attachment> attachments,
                List<ReadReceipt> readBy,
                Map<String, List<UserId>> reactions,
                Optional<VoiceNote> voice) {
            return new Message(
                    MessageId.of(id),
                    ConversationId.of(conversationId),
                    seq,
                    UserId.of(senderId),
                    Optional.ofNullable(recipientId).map(UserId::of),
                    MessageType.valueOf(type.toUpperCase(Locale.ROOT)),
                    Optional.ofNullable(content),
                    deleted ? List.of() : attachments,
                    Optional.ofNullable(clientMessageId),
                    Optional.ofNullable(replyToId).map(MessageId::of),
                    Instant.ofEpochMilli(createdAt),
                    editedAt,
                    deleted,
                    deletedAt,
                    readBy,
                    reactions,
                    deleted ? Optional.empty() : voice,
                    Optional.ofNullable(scheduledMessageId).map(ScheduledMessageId::of));
        }
    }

    private Map<String, List<Attachment>> attachments(Connection connection, String ids) throws SQLException {
        var byMessage = new HashMap<String, List<Attachment>>();
        var statement = db.statement(
                connection,
                "SELECT message_id, attachment_id, content_type, size, name "
                        + "FROM message_attachments WHERE message_id IN (SELECT value FROM json_each(?)) "
                        + "ORDER BY message_id, position");
        {
            statement.setString(1, ids);
            try (var rows = statement.executeQuery()) {
                while (rows.next()) {
                    byMessage
                            .computeIfAbsent(rows.getString(1), id -> new ArrayList<>())
                            .add(new Attachment(
                                    AttachmentId.of(rows.getString(2)),
                                    rows.getString(3),
                                    rows.getLong(4),
                                    Optional.ofNullable(rows.getString(5))));
                }
            }
        }
        return byMessage;
    }

    private Map<String, List<ReadReceipt>> receipts(Connection connection, String ids) throws SQLException {
        var byMessage = new HashMap<String, List<ReadReceipt>>();
        var statement = db.statement(
                connection,
                "SELECT message_id, user_id, read_at FROM receipts "
                        + "WHERE message_id IN (SELECT value FROM json_each(?)) ORDER BY rowid");
        {
            statement.setString(1, ids);
            try (var rows = statement.executeQuery()) {
                while (rows.next()) {
                    byMessage
                            .computeIfAbsent(rows.getString(1), id -> new ArrayList<>())
                            .add(new ReadReceipt(UserId.of(rows.getString(2)), Instant.ofEpochMilli(rows.getLong(3))));
                }
            }
        }
        return byMessage;
    }

    private Map<String, Map<String, List<UserId>>> reactions(Connection connection, String ids) throws SQLException {
        var byMessage = new HashMap<String, Map<String, List<UserId>>>();
        var statement = db.statement(
                connection,
                "SELECT message_id, emoji, user_id FROM reactions "
                        + "WHERE message_id IN (SELECT value FROM json_each(?)) ORDER BY rowid");
        {
            statement.setString(1, ids);
            try (var rows = statement.executeQuery()) {
                while (rows.next()) {
                    byMessage
                            .computeIfAbsent(rows.getString(1), id -> new LinkedHashMap<>())
                            .computeIfAbsent(rows.getString(2), emoji -> new ArrayList<>())
                            .add(UserId.of(rows.getString(3)));
                }
            }
        }
        return byMessage;
    }

    @Override
    public Optional<Message> findById(MessageId id) {
        Optional<Message> waiting = pending.byId(id);
        Optional<Message> stored = db.read(
                connection -> one(connection, "SELECT " + COLUMNS + " FROM messages m WHERE m.id = ?", id.value()));
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
        List<Message> waiting = pending.of(conversationId).stream()
                .filter(message -> before ? message.seq() < seq : message.seq() > seq)
                .toList();
        List<Message> stored = db.read(connection -> query(
                connection,
                "SELECT " + COLUMNS + " FROM messages m "
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
        Map<ConversationId, Message> latest = pending.latestOf(conversationIds);
        db.read(connection -> {
            for (Message message : query(
                    connection,
                    "SELECT " + COLUMNS + " FROM conversations c "
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
                }
            }
            return one(connection, "SELECT " + COLUMNS + " FROM messages m WHERE m.id = ?", id.value());
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
            return one(connection, "SELECT " + COLUMNS + " FROM messages m WHERE m.id = ?", id.value());
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
            indexForSearch(connection);
            return null;
        });
        return db.read(connection -> {
            String sql = "SELECT " + COLUMNS + " FROM messages_fts f JOIN messages m ON m.rowid = f.rowid "
                    + "WHERE messages_fts MATCH ? AND m.deleted = 0 "
                    + "AND m.conversation_id IN (SELECT value FROM json_each(?))"
                    + (after.isPresent() ? " AND (m.created_at < ? OR (m.created_at = ? AND m.id < ?))" : "")
                    + " ORDER BY m.created_at DESC, m.id DESC LIMIT ?";
            return after.isPresent()
                    ? query(
                            connection,
                            sql,
                            match.get(),
                            scope,
                            after.get().createdAt(),
                            after.get().createdAt(),
                            after.get().id().value(),
                            limit)
                    : query(connection, sql, match.get(), scope, limit);
        });
    }

    @Override
    public Set<ConversationId> conversationsReferencing(AttachmentId attachmentId) {
        if (!pending.isEmpty()) {
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

    @Override
    public List<MessageId> markRead(
            ConversationId conversationId, UserId readerId, Collection<MessageId> messageIds, Instant readAt) {
        if (messageIds.isEmpty()) {
            return List.of();
        }
        String ids =
                Json.array(messageIds.stream().map(MessageId::value).distinct().toList());
        return receive(
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
        return receive(
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
    private List<MessageId> receive(
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
            List<Message> tail = pending.of(id);
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
