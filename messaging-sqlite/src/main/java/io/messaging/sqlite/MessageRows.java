package io.messaging.sqlite;

import io.messaging.core.model.Attachment;
import io.messaging.core.model.ConversationId;
import io.messaging.core.model.Envelope;
import io.messaging.core.model.Message;
import io.messaging.core.model.MessageId;
import io.messaging.core.model.MessageType;
import io.messaging.core.model.ReadReceipt;
import io.messaging.core.model.ScheduledMessageId;
import io.messaging.core.model.UserId;
import io.messaging.core.model.VoiceNote;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads messages from the tables: one query of the message columns, completed with the attachments, receipts,
 * reactions and voice notes of the messages it found, each in one more query for all of them.
 */
final class MessageRows {
    /** The message columns every query of {@link #query} selects, from {@code messages m}. */
    static final String COLUMNS = "m.id, m.conversation_id, m.seq, m.sender_id, m.recipient_id, m.type, "
            + "m.content, m.client_message_id, m.reply_to_id, m.created_at, m.edited_at, m.deleted, m.deleted_at, "
            + "m.scheduled_message_id";

    private final Statements statements;

    MessageRows(Statements statements) {
        this.statements = statements;
    }

    /** The message with this id in the tables, if any. */
    Optional<Message> byId(Connection connection, String id) throws SQLException {
        return one(connection, "SELECT " + COLUMNS + " FROM messages m WHERE m.id = ?", id);
    }

    /** The stored message of a retried send; one indexed probe when there is none (the common case). */
    Optional<Message> byClientId(Connection connection, UserId sender, String clientId) throws SQLException {
        var probe =
                statements.on(connection, "SELECT id FROM messages WHERE sender_id = ? " + "AND client_message_id = ?");
        Rows.bind(probe, sender.value(), clientId);
        String id;
        try (var rows = probe.executeQuery()) {
            if (!rows.next()) {
                return Optional.empty();
            }
            id = rows.getString(1);
        }
        return byId(connection, id);
    }

    Optional<Message> one(Connection connection, String sql, Object... values) throws SQLException {
        List<Message> found = query(connection, sql, values);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /** Runs a query of {@link #COLUMNS} and completes the messages with attachments, receipts and reactions. */
    List<Message> query(Connection connection, String sql, Object... values) throws SQLException {
        var rowsById = new LinkedHashMap<String, Row>();
        try (var rows = Rows.bind(statements.on(connection, sql), values).executeQuery()) {
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
        var envelopes = rowsById.values().stream()
                        .anyMatch(row -> MessageType.ENCRYPTED.name().equalsIgnoreCase(row.type()))
                ? envelopes(connection, ids)
                : Map.<String, Map<String, Envelope>>of();
        var messages = new ArrayList<Message>(rowsById.size());
        rowsById.forEach((id, row) -> messages.add(row.toMessage(
                attachments.getOrDefault(id, List.of()),
                receipts.getOrDefault(id, List.of()),
                reactions.getOrDefault(id, Map.of()),
                Optional.ofNullable(voices.get(id)),
                envelopes.getOrDefault(id, Map.of()))));
        return messages;
    }

    private Map<String, VoiceNote> voices(Connection connection, String ids) throws SQLException {
        var byMessage = new HashMap<String, VoiceNote>();
        var statement = statements.on(
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

    private Map<String, Map<String, Envelope>> envelopes(Connection connection, String ids) throws SQLException {
        var byMessage = new HashMap<String, Map<String, Envelope>>();
        var statement = statements.on(
                connection,
                "SELECT message_id, envelopes FROM message_envelopes "
                        + "WHERE message_id IN (SELECT value FROM json_each(?))");
        statement.setString(1, ids);
        try (var rows = statement.executeQuery()) {
            while (rows.next()) {
                byMessage.put(rows.getString(1), EnvelopeColumns.envelopes(rows.getString(2)));
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
                Optional<VoiceNote> voice,
                Map<String, Envelope> envelopes) {
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
                    Optional.ofNullable(scheduledMessageId).map(ScheduledMessageId::of),
                    deleted ? Map.of() : envelopes);
        }
    }

    private Map<String, List<Attachment>> attachments(Connection connection, String ids) throws SQLException {
        var statement = statements.on(
                connection,
                "SELECT message_id, attachment_id, content_type, size, name "
                        + "FROM message_attachments WHERE message_id IN (SELECT value FROM json_each(?)) "
                        + "ORDER BY message_id, position");
        statement.setString(1, ids);
        try (var rows = statement.executeQuery()) {
            return Rows.attachmentsByOwner(rows, id -> id);
        }
    }

    private Map<String, List<ReadReceipt>> receipts(Connection connection, String ids) throws SQLException {
        var byMessage = new HashMap<String, List<ReadReceipt>>();
        var statement = statements.on(
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
        var statement = statements.on(
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
}
