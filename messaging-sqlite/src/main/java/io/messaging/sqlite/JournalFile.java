package io.messaging.sqlite;

import io.messaging.core.model.Attachment;
import io.messaging.core.model.AttachmentId;
import io.messaging.core.model.ConversationId;
import io.messaging.core.model.Envelope;
import io.messaging.core.model.MessageId;
import io.messaging.core.model.MessageType;
import io.messaging.core.model.NewMessage;
import io.messaging.core.model.ScheduledMessageId;
import io.messaging.core.model.UserId;
import io.messaging.core.model.VoiceNote;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The send journal's database, {@code journal.db}: acknowledged messages at the end of one table (with their
 * attachments and voice notes beside it), committed in one short transaction per group, and dropped in ranges once
 * the message tables hold them. Used by the journal's thread alone.
 */
final class JournalFile implements AutoCloseable {
    /**
     * Rows the tables hold that the journal drops at once: one range of pages with one group now and then, rather
     * than a few rows with every group.
     */
    private static final int DELETE_EVERY = 8_192;
    /** Log pages (16 MiB) after which the journal's log is started over: its rows are small and soon dropped. */
    private static final int RESTART_LOG_PAGES = 4_096;

    private final Statements statements;
    private final Connection journal;
    /** Copies the journal's log back beside its commits, so no checkpoint runs on the acknowledgement path. */
    private final Checkpointer checkpointer;

    private long deletedThrough;

    /** Opens the journal in {@code file}, brought up to date by {@link Migrations#JOURNAL} beforehand. */
    JournalFile(Path file, boolean fsyncEveryCommit, Statements statements) throws SQLException {
        this.statements = statements;
        journal = Database.connect(file, fsyncEveryCommit);
        checkpointer =
                new Checkpointer(journal, file, fsyncEveryCommit, RESTART_LOG_PAGES, "sqlite-journal-checkpointer");
    }

    /** The journal's highest position, or 0 when it is empty. */
    long lastPosition() throws SQLException {
        try (Statement statement = journal.createStatement();
                var rows = statement.executeQuery("SELECT coalesce(max(position), 0) FROM journal")) {
            return rows.next() ? rows.getLong(1) : 0;
        }
    }

    /** The entries past {@code after}, in position order. */
    List<JournalEntry> read(long after) throws SQLException {
        var attachments = new HashMap<Long, List<Attachment>>();
        try (var statement = journal.prepareStatement("SELECT position, attachment_id, content_type, size, name "
                + "FROM journal_attachments WHERE position > ? ORDER BY position, item")) {
            statement.setLong(1, after);
            try (var rows = statement.executeQuery()) {
                while (rows.next()) {
                    attachments
                            .computeIfAbsent(rows.getLong(1), position -> new ArrayList<>())
                            .add(new Attachment(
                                    AttachmentId.of(rows.getString(2)),
                                    rows.getString(3),
                                    rows.getLong(4),
                                    Optional.ofNullable(rows.getString(5))));
                }
            }
        }
        var voices = new HashMap<Long, VoiceNote>();
        try (var statement = journal.prepareStatement(
                "SELECT position, duration_ms, waveform FROM journal_voice " + "WHERE position > ?")) {
            statement.setLong(1, after);
            try (var rows = statement.executeQuery()) {
                while (rows.next()) {
                    voices.put(rows.getLong(1), VoiceColumns.voice(rows.getLong(2), rows.getString(3)));
                }
            }
        }
        var envelopes = new HashMap<Long, Map<String, Envelope>>();
        try (var statement =
                journal.prepareStatement("SELECT position, envelopes FROM journal_envelopes WHERE position > ?")) {
            statement.setLong(1, after);
            try (var rows = statement.executeQuery()) {
                while (rows.next()) {
                    envelopes.put(rows.getLong(1), EnvelopeColumns.envelopes(rows.getString(2)));
                }
            }
        }
        var entries = new ArrayList<JournalEntry>();
        try (var statement = journal.prepareStatement("SELECT position, id, conversation_id, seq, sender_id, "
                + "recipient_id, type, content, client_message_id, reply_to_id, created_at, scheduled_message_id "
                + "FROM journal "
                + "WHERE position > ? ORDER BY position")) {
            statement.setLong(1, after);
            try (var rows = statement.executeQuery()) {
                while (rows.next()) {
                    long position = rows.getLong(1);
                    var message = new NewMessage(
                            MessageId.of(rows.getString(2)),
                            ConversationId.of(rows.getString(3)),
                            UserId.of(rows.getString(5)),
                            Optional.ofNullable(rows.getString(6)).map(UserId::of),
                            MessageType.valueOf(rows.getString(7)),
                            rows.getString(8),
                            attachments.getOrDefault(position, List.of()),
                            Optional.ofNullable(rows.getString(9)),
                            Optional.ofNullable(rows.getString(10)).map(MessageId::of),
                            Instant.ofEpochMilli(rows.getLong(11)),
                            Optional.ofNullable(voices.get(position)),
                            Optional.ofNullable(rows.getString(12)).map(ScheduledMessageId::of),
                            envelopes.getOrDefault(position, Map.of()));
                    entries.add(new JournalEntry(position, message, rows.getLong(4)));
                }
            }
        }
        return entries;
    }

    /**
     * Commits the entries to the journal in one short transaction; once more than a batch of rows is held by the
     * tables ({@code applied} and before), the same transaction drops them.
     */
    void append(List<JournalEntry> entries, long applied) throws SQLException {
        boolean dropApplied = applied - deletedThrough >= DELETE_EVERY;
        try (Statement statement = journal.createStatement()) {
            statement.execute("BEGIN IMMEDIATE");
            try {
                if (dropApplied) {
                    deleteRows(applied);
                }
                insert(entries);
                statement.execute("COMMIT");
            } catch (SQLException | RuntimeException e) {
                statement.execute("ROLLBACK");
                throw e;
            }
        }
        if (dropApplied) {
            deletedThrough = applied;
        }
        checkpointer.restartIfDue(journal);
    }

    private void insert(List<JournalEntry> entries) throws SQLException {
        var insert = statements.on(
                journal,
                "INSERT INTO journal (" + JournalEntry.MESSAGE_COLUMNS + ", position) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        for (JournalEntry entry : entries) {
            NewMessage message = entry.newMessage();
            Rows.bind(insert, entry.values()).setLong(12, entry.position());
            insert.executeUpdate();
            int item = 0;
            for (Attachment attachment : message.attachments()) {
                var attach = statements.on(
                        journal,
                        "INSERT INTO journal_attachments (position, item, attachment_id, "
                                + "content_type, size, name) VALUES (?, ?, ?, ?, ?, ?)");
                Rows.bind(
                        attach,
                        entry.position(),
                        item++,
                        attachment.id().value(),
                        attachment.contentType(),
                        attachment.size(),
                        attachment.name().orElse(null));
                attach.executeUpdate();
            }
            if (message.voice().isPresent()) {
                Rows.bind(
                                statements.on(
                                        journal,
                                        "INSERT INTO journal_voice (position, duration_ms, waveform) "
                                                + "VALUES (?, ?, ?)"),
                                entry.position(),
                                message.voice().get().durationMs(),
                                VoiceColumns.waveform(message.voice().get()))
                        .executeUpdate();
            }
            if (!message.envelopes().isEmpty()) {
                Rows.bind(
                                statements.on(
                                        journal, "INSERT INTO journal_envelopes (position, envelopes) VALUES (?, ?)"),
                                entry.position(),
                                EnvelopeColumns.text(message.envelopes()))
                        .executeUpdate();
            }
        }
    }

    /** Drops the journal's rows up to {@code position}, which the tables hold. */
    private void deleteRows(long position) throws SQLException {
        Rows.bind(statements.on(journal, "DELETE FROM journal WHERE position <= ?"), position)
                .executeUpdate();
        Rows.bind(statements.on(journal, "DELETE FROM journal_attachments WHERE position <= ?"), position)
                .executeUpdate();
        Rows.bind(statements.on(journal, "DELETE FROM journal_voice WHERE position <= ?"), position)
                .executeUpdate();
        Rows.bind(statements.on(journal, "DELETE FROM journal_envelopes WHERE position <= ?"), position)
                .executeUpdate();
    }

    /** Drops every row up to {@code position} at once, after the tables took them all. */
    void deleteThrough(long position) throws SQLException {
        try (Statement statement = journal.createStatement()) {
            statement.execute("BEGIN IMMEDIATE");
            deleteRows(position);
            statement.execute("COMMIT");
        }
        deletedThrough = position;
    }

    @Override
    public void close() {
        checkpointer.close();
        statements.forget(journal);
        try {
            journal.close();
        } catch (SQLException ignored) {
            // closing at shutdown
        }
    }
}
