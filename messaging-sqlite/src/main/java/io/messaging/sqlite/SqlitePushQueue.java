package io.messaging.sqlite;

import io.messaging.core.model.ConversationId;
import io.messaging.core.model.MessageId;
import io.messaging.core.model.PushJob;
import io.messaging.core.model.PushNotification;
import io.messaging.core.model.PushSubscriptionId;
import io.messaging.core.model.PushUrgency;
import io.messaging.core.model.UserId;
import io.messaging.core.port.out.PushQueue;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** The durable push queue on SQLite; claims run on the single writer, so two claims never overlap. */
final class SqlitePushQueue implements PushQueue {
    private static final String COLUMNS = "id, subscription_id, conversation_id, message_id, seq, sender_id, "
            + "sender_name, title, body, urgency, topic, not_before, expires_at, attempts";
    private final Database db;

    SqlitePushQueue(Database db) {
        this.db = db;
    }

    @Override
    public void enqueue(Collection<PushJob> jobs) {
        if (jobs.isEmpty()) {
            return;
        }
        db.write(connection -> {
            try (var insert = connection.prepareStatement("INSERT OR IGNORE INTO push_queue (" + COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (PushJob job : jobs) {
                    PushNotification n = job.notification();
                    Rows.bind(
                            insert,
                            job.id(),
                            job.subscriptionId().value(),
                            n.conversationId().value(),
                            n.messageId().value(),
                            n.seq(),
                            n.senderId().value(),
                            n.senderName(),
                            n.title(),
                            n.body(),
                            job.urgency().name(),
                            job.topic(),
                            job.notBefore(),
                            job.expiresAt(),
                            job.attempts());
                    insert.addBatch();
                }
                return insert.executeBatch();
            }
        });
    }

    @Override
    public List<PushJob> claimDue(Instant now, int limit, Instant leaseUntil) {
        if (!anythingToDo(now)) {
            return List.of();
        }
        return db.write(connection -> {
            try (var expired = connection.prepareStatement("DELETE FROM push_queue WHERE expires_at <= ?")) {
                Rows.bind(expired, now).executeUpdate();
            }
            var due = new ArrayList<PushJob>();
            try (var select = connection.prepareStatement("SELECT " + COLUMNS + " FROM push_queue "
                    + "WHERE not_before <= ? ORDER BY not_before, id LIMIT ?")) {
                try (ResultSet rows = Rows.bind(select, now, limit).executeQuery()) {
                    while (rows.next()) {
                        due.add(job(rows));
                    }
                }
            }
            try (var lease = connection.prepareStatement("UPDATE push_queue SET not_before = ? WHERE id = ?")) {
                for (PushJob job : due) {
                    Rows.bind(lease, leaseUntil, job.id());
                    lease.addBatch();
                }
                if (!due.isEmpty()) {
                    lease.executeBatch();
                }
            }
            return List.copyOf(due);
        });
    }

    /**
     * A look on a reader first, so that the worker's frequent claims leave the single writer alone when nothing is
     * due (expired jobs are dropped by the next claim that finds something due).
     */
    private boolean anythingToDo(Instant now) {
        return db.read(connection -> {
            try (var select = connection.prepareStatement("SELECT 1 FROM push_queue WHERE not_before <= ? LIMIT 1")) {
                try (ResultSet rows = Rows.bind(select, now).executeQuery()) {
                    return rows.next();
                }
            }
        });
    }

    @Override
    public void complete(String jobId) {
        db.write(connection -> {
            try (var delete = connection.prepareStatement("DELETE FROM push_queue WHERE id = ?")) {
                return Rows.bind(delete, jobId).executeUpdate();
            }
        });
    }

    @Override
    public void reschedule(PushJob job) {
        db.write(connection -> {
            try (var update =
                    connection.prepareStatement("UPDATE push_queue SET not_before = ?, attempts = ? WHERE id = ?")) {
                return Rows.bind(update, job.notBefore(), job.attempts(), job.id())
                        .executeUpdate();
            }
        });
    }

    private static PushJob job(ResultSet rows) throws SQLException {
        var notification = new PushNotification(
                ConversationId.of(rows.getString("conversation_id")),
                MessageId.of(rows.getString("message_id")),
                rows.getLong("seq"),
                UserId.of(rows.getString("sender_id")),
                rows.getString("sender_name"),
                rows.getString("title"),
                rows.getString("body"));
        return new PushJob(
                rows.getString("id"),
                PushSubscriptionId.of(rows.getString("subscription_id")),
                notification,
                PushUrgency.valueOf(rows.getString("urgency")),
                rows.getString("topic"),
                Instant.ofEpochMilli(rows.getLong("not_before")),
                Instant.ofEpochMilli(rows.getLong("expires_at")),
                rows.getInt("attempts"));
    }
}
