package io.messaging.sqlite;

import io.messaging.core.model.Attachment;
import io.messaging.core.model.ConversationId;
import io.messaging.core.model.MessageId;
import io.messaging.core.model.MessageType;
import io.messaging.core.model.ScheduledMessage;
import io.messaging.core.model.ScheduledMessageId;
import io.messaging.core.model.ScheduledStatus;
import io.messaging.core.model.UserId;
import io.messaging.core.port.out.ScheduledMessages;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Scheduled messages on SQLite. Every change runs on the single writer, so a claim (select what is due, then take
 * it) cannot race another. The store is its data directory's only user, so a lease found at open belongs to a
 * process that is gone: opening releases them, and what they held is due again at once.
 */
final class SqliteScheduledMessages implements ScheduledMessages {
    private static final String COLUMNS = "id, sender_id, conversation_id, recipient_id, type, content, "
            + "client_message_id, reply_to_id, send_at, status, message_id, failure, created_at";
    private static final String SCHEDULED = "'" + ScheduledStatus.SCHEDULED.name() + "'";

    private final Database db;

    SqliteScheduledMessages(Database db) {
        this.db = db;
        db.write(connection -> db.statement(
                        connection,
                        "UPDATE scheduled_messages SET available_at = send_at " + "WHERE status = " + SCHEDULED
                                + " AND claimed = 1 AND available_at > send_at")
                .executeUpdate());
    }

    @Override
    public ScheduledMessage insert(ScheduledMessage message) {
        return db.write(connection -> {
            if (message.clientMessageId().isPresent()) {
                var earlier = list(
                        connection,
                        "WHERE sender_id = ? AND client_message_id = ?",
                        message.senderId().value(),
                        message.clientMessageId().get());
                if (!earlier.isEmpty()) {
                    return earlier.get(0);
                }
            }
            Rows.bind(
                            db.statement(
                                    connection,
                                    "INSERT INTO scheduled_messages (" + COLUMNS + ", available_at) "
                                            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                            message.id().value(),
                            message.senderId().value(),
                            message.conversationId().map(ConversationId::value).orElse(null),
                            message.recipientId().map(UserId::value).orElse(null),
                            message.type().name(),
                            message.content(),
                            message.clientMessageId().orElse(null),
                            message.replyToId().map(MessageId::value).orElse(null),
                            message.sendAt(),
                            message.status().name(),
                            message.messageId().map(MessageId::value).orElse(null),
                            message.failure().orElse(null),
                            message.createdAt(),
                            message.sendAt())
                    .executeUpdate();
            var attach = db.statement(
                    connection,
                    "INSERT INTO scheduled_message_attachments (scheduled_id, "
                            + "position, attachment_id, content_type, size, name) VALUES (?, ?, ?, ?, ?, ?)");
            int position = 0;
            for (Attachment attachment : message.attachments()) {
                Rows.bind(
                                attach,
                                message.id().value(),
                                position++,
                                attachment.id().value(),
                                attachment.contentType(),
                                attachment.size(),
                                attachment.name().orElse(null))
                        .executeUpdate();
            }
            return message;
        });
    }

    @Override
    public Optional<ScheduledMessage> findById(ScheduledMessageId id) {
        return db.read(connection ->
                list(connection, "WHERE id = ?", id.value()).stream().findFirst());
    }

    @Override
    public List<ScheduledMessage> listBySender(UserId senderId, Set<ScheduledStatus> statuses) {
        String wanted = Json.array(statuses.stream().map(ScheduledStatus::name).toList());
        return db.read(connection -> list(
                connection,
                "WHERE sender_id = ? AND status IN (SELECT value FROM " + "json_each(?)) ORDER BY send_at, id",
                senderId.value(),
                wanted));
    }

    @Override
    public Optional<ScheduledMessage> reschedule(ScheduledMessageId id, String content, Instant sendAt) {
        return change(id, "content = ?, send_at = ?, available_at = ?", content, sendAt, sendAt);
    }

    @Override
    public Optional<ScheduledMessage> cancel(ScheduledMessageId id) {
        return change(id, "status = '" + ScheduledStatus.CANCELLED.name() + "'");
    }

    private Optional<ScheduledMessage> change(ScheduledMessageId id, String assignments, Object... values) {
        var bound = new ArrayList<Object>(List.of(values));
        bound.add(id.value());
        return db.write(connection -> {
            int changed = Rows.bind(
                            db.statement(
                                    connection,
                                    "UPDATE scheduled_messages SET " + assignments + " WHERE id = ? AND status = "
                                            + SCHEDULED + " AND claimed = 0"),
                            bound.toArray())
                    .executeUpdate();
            return changed == 0
                    ? Optional.<ScheduledMessage>empty()
                    : list(connection, "WHERE id = ?", id.value()).stream().findFirst();
        });
    }

    @Override
    public List<ScheduledMessage> claimDue(Instant now, Instant leaseUntil, int limit) {
        return db.write(connection -> {
            List<ScheduledMessage> due = list(
                    connection,
                    "WHERE status = " + SCHEDULED + " AND available_at <= ? " + "ORDER BY available_at, id LIMIT ?",
                    now,
                    limit);
            var claim = db.statement(
                    connection, "UPDATE scheduled_messages SET available_at = ?, claimed = 1 " + "WHERE id = ?");
            for (ScheduledMessage message : due) {
                Rows.bind(claim, leaseUntil, message.id().value()).executeUpdate();
            }
            return due;
        });
    }

    @Override
    public Optional<Instant> nextDueAt() {
        return db.read(connection -> {
            try (var rows = db.statement(
                            connection,
                            "SELECT min(available_at) FROM scheduled_messages WHERE " + "status = " + SCHEDULED)
                    .executeQuery()) {
                return rows.next() ? Rows.instant(rows, "min(available_at)") : Optional.<Instant>empty();
            }
        });
    }

    @Override
    public void markSent(ScheduledMessageId id, MessageId messageId) {
        complete(id, ScheduledStatus.SENT, messageId.value(), null);
    }

    @Override
    public void markFailed(ScheduledMessageId id, String failure) {
        complete(id, ScheduledStatus.FAILED, null, failure);
    }

    private void complete(ScheduledMessageId id, ScheduledStatus status, String messageId, String failure) {
        db.write(connection -> Rows.bind(
                        db.statement(
                                connection,
                                "UPDATE scheduled_messages SET status = ?, "
                                        + "message_id = ?, failure = ? WHERE id = ? AND status = " + SCHEDULED),
                        status.name(),
                        messageId,
                        failure,
                        id.value())
                .executeUpdate());
    }

    /** The scheduled messages the query's tail selects, with their attachments. */
    private List<ScheduledMessage> list(Connection connection, String where, Object... values) throws SQLException {
        var found = new ArrayList<ScheduledMessage>();
        try (var rows = Rows.bind(
                        db.statement(connection, "SELECT " + COLUMNS + " FROM scheduled_messages " + where), values)
                .executeQuery()) {
            while (rows.next()) {
                found.add(scheduled(rows, List.of()));
            }
        }
        if (found.isEmpty()) {
            return found;
        }
        var attachments = attachments(connection, found);
        return found.stream()
                .map(message -> attachments.containsKey(message.id())
                        ? withAttachments(message, attachments.get(message.id()))
                        : message)
                .toList();
    }

    private Map<ScheduledMessageId, List<Attachment>> attachments(
            Connection connection, List<ScheduledMessage> messages) throws SQLException {
        String ids = Json.array(
                messages.stream().map(message -> message.id().value()).toList());
        try (var rows = Rows.bind(
                        db.statement(
                                connection,
                                "SELECT scheduled_id, attachment_id, content_type, size, "
                                        + "name FROM scheduled_message_attachments WHERE scheduled_id IN (SELECT value FROM json_each(?)) "
                                        + "ORDER BY scheduled_id, position"),
                        ids)
                .executeQuery()) {
            return Rows.attachmentsByOwner(rows, ScheduledMessageId::of);
        }
    }

    private static ScheduledMessage scheduled(ResultSet rows, List<Attachment> attachments) throws SQLException {
        return new ScheduledMessage(
                ScheduledMessageId.of(rows.getString("id")),
                UserId.of(rows.getString("sender_id")),
                Rows.text(rows, "conversation_id").map(ConversationId::of),
                Rows.text(rows, "recipient_id").map(UserId::of),
                MessageType.valueOf(rows.getString("type")),
                rows.getString("content"),
                attachments,
                Rows.text(rows, "client_message_id"),
                Rows.text(rows, "reply_to_id").map(MessageId::of),
                Instant.ofEpochMilli(rows.getLong("send_at")),
                ScheduledStatus.valueOf(rows.getString("status")),
                Rows.text(rows, "message_id").map(MessageId::of),
                Rows.text(rows, "failure"),
                Instant.ofEpochMilli(rows.getLong("created_at")));
    }

    private static ScheduledMessage withAttachments(ScheduledMessage m, List<Attachment> attachments) {
        return new ScheduledMessage(
                m.id(),
                m.senderId(),
                m.conversationId(),
                m.recipientId(),
                m.type(),
                m.content(),
                attachments,
                m.clientMessageId(),
                m.replyToId(),
                m.sendAt(),
                m.status(),
                m.messageId(),
                m.failure(),
                m.createdAt());
    }
}
