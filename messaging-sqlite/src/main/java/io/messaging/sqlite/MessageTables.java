package io.messaging.sqlite;

import io.messaging.core.model.Attachment;
import io.messaging.core.model.ConversationId;
import io.messaging.core.model.Message;
import io.messaging.core.model.NewMessage;
import io.messaging.core.model.UserId;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The message tables as the journal and the catch-up see them: where acknowledged messages are inserted in journal
 * order, and the lookups that decide seq and idempotency for new ones.
 */
final class MessageTables {
    private final Statements statements;
    private final MessageRows rows;
    private final SearchIndex searchIndex;

    /**
     * A conversation's head after a batch: its highest seq, and its latest send time, which need not be that
     * message's (senders' clocks differ, and a conversation's last message time never moves back).
     */
    private record Head(long seq, Instant at) {
        static Head of(Message message) {
            return new Head(message.seq(), message.createdAt());
        }

        Head max(Head other) {
            return new Head(Math.max(seq, other.seq), at.isAfter(other.at) ? at : other.at);
        }
    }

    MessageTables(Statements statements, MessageRows rows, SearchIndex searchIndex) {
        this.statements = statements;
        this.rows = rows;
        this.searchIndex = searchIndex;
    }

    /**
     * Writes the entries, which follow in journal order the last one the tables hold, into the message tables, moves
     * each conversation's head, and records the position of the last entry, all in the caller's transaction.
     */
    void insert(Connection connection, List<JournalEntry> entries) throws SQLException {
        var insert = statements.on(
                connection,
                "INSERT INTO messages (" + JournalEntry.MESSAGE_COLUMNS + ") "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        var heads = new HashMap<ConversationId, Head>();
        for (JournalEntry entry : entries) {
            NewMessage message = entry.newMessage();
            Rows.bind(insert, entry.tableValues()).executeUpdate();
            insertAttachments(connection, message);
            insertVoice(connection, message);
            insertEnvelopes(connection, message);
            heads.merge(message.conversationId(), Head.of(entry.message()), Head::max);
        }
        var head = statements.on(
                connection,
                "UPDATE conversations SET last_seq = max(last_seq, ?), "
                        + "last_message_at = max(coalesce(last_message_at, 0), ?), "
                        + "last_activity_at = max(last_activity_at, ?) WHERE id = ?");
        for (var conversation : heads.entrySet()) {
            Head latest = conversation.getValue();
            Rows.bind(
                    head,
                    latest.seq(),
                    latest.at(),
                    latest.at(),
                    conversation.getKey().value());
            head.executeUpdate();
        }
        Rows.bind(
                        statements.on(
                                connection, "UPDATE journal_progress SET applied_through = max(applied_through, ?)"),
                        entries.get(entries.size() - 1).position())
                .executeUpdate();
        searchIndex.added(entries.size());
    }

    /** The message the sender stored with this client message id, if the tables hold one. */
    Optional<Message> storedByClientKey(Connection connection, UserId senderId, String clientMessageId)
            throws SQLException {
        return rows.byClientId(connection, senderId, clientMessageId);
    }

    /** The conversation's highest seq in the tables, or empty if there is no such conversation. */
    OptionalLong lastSeq(Connection connection, ConversationId id) throws SQLException {
        try (var rows = Rows.bind(
                        statements.on(connection, "SELECT last_seq FROM conversations WHERE id = ?"), id.value())
                .executeQuery()) {
            return rows.next() ? OptionalLong.of(rows.getLong(1)) : OptionalLong.empty();
        }
    }

    /** The journal position the tables hold every entry up to. */
    long appliedThrough(Connection connection) throws SQLException {
        try (var rows = statements
                .on(connection, "SELECT applied_through FROM journal_progress")
                .executeQuery()) {
            return rows.next() ? rows.getLong(1) : 0;
        }
    }

    private static void insertAttachments(Connection connection, NewMessage message) throws SQLException {
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

    private void insertEnvelopes(Connection connection, NewMessage message) throws SQLException {
        if (!message.envelopes().isEmpty()) {
            Rows.bind(
                            statements.on(
                                    connection, "INSERT INTO message_envelopes (message_id, envelopes) VALUES (?, ?)"),
                            message.id().value(),
                            EnvelopeColumns.text(message.envelopes()))
                    .executeUpdate();
        }
    }

    private void insertVoice(Connection connection, NewMessage message) throws SQLException {
        if (message.voice().isPresent()) {
            Rows.bind(
                            statements.on(
                                    connection,
                                    "INSERT INTO message_voice (message_id, duration_ms, waveform) "
                                            + "VALUES (?, ?, ?)"),
                            message.id().value(),
                            message.voice().get().durationMs(),
                            VoiceColumns.waveform(message.voice().get()))
                    .executeUpdate();
        }
    }
}
