package io.messaging.sqlite;

import io.messaging.core.model.Attachment;
import io.messaging.core.model.AttachmentId;
import io.messaging.core.model.ConversationId;
import io.messaging.core.model.Message;
import io.messaging.core.model.MessageId;
import io.messaging.core.model.MessageType;
import io.messaging.core.model.NewMessage;
import io.messaging.core.model.ScheduledMessageId;
import io.messaging.core.model.UserId;
import io.messaging.core.model.VoiceNote;
import io.messaging.core.port.out.Messages.AppendOutcome;
import io.messaging.core.port.out.StoreException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The acknowledgement path of appends: a second, small SQLite database ({@code journal.db}) that its own thread
 * appends new messages to in groups, one short commit per group, rows at the end of one table. A send is
 * acknowledged once its group is committed there (as durable as any commit of the store). The messages are then
 * {@link Pending} in memory, where every read finds them, until the main writer has put them into the message
 * tables: each of its transactions starts by writing every pending message the tables do not hold yet, in journal
 * order, so under load one transaction takes many groups at once and changes each page once for all of them, and
 * the writes that follow in the same transaction (edits, receipts) find every message a reader could have seen. The
 * tables record the journal position they hold everything up to, in the same transaction, so a failed transaction
 * is simply taken up again by the next, and on opening, the journal's rows past it are written into the tables
 * exactly once. Seq and idempotency are decided here, on the one journal thread, from the pending messages and the
 * tables.
 */
final class Journal implements Database.GroupHooks, AutoCloseable {
    private static final int MAX_GROUP = 512;
    /**
     * Rows the tables hold that the journal drops at once: one range of pages with one group now and then, rather
     * than a few rows with every group.
     */
    private static final int DELETE_EVERY = 8_192;
    /** Log pages (16 MiB) after which the journal's log is started over: its rows are small and soon dropped. */
    private static final int RESTART_LOG_PAGES = 4_096;
    /** Conversations whose last seq is remembered; the least recent without pending messages are forgotten. */
    private static final int REMEMBERED_COUNTERS = 100_000;

    /**
     * How far the journal may run ahead of the tables: beyond {@code maxPending} acknowledged messages not yet in
     * the tables, appends wait for the writer, and an append that waited {@code maxWait} in vain fails.
     */
    record Backlog(int maxPending, Duration maxWait) {
        static final Backlog DEFAULT = new Backlog(100_000, Duration.ofSeconds(30));
    }

    /** What the journal needs of the message tables. */
    interface Tables {
        /**
         * Writes the entries, which follow in journal order the last one the tables hold, into the message tables,
         * and records the position of the last in the same transaction.
         */
        void apply(Connection connection, List<Entry> entries) throws SQLException;

        /** The message the sender stored with this client message id, if any. */
        Optional<Message> storedByClientKey(Connection connection, UserId senderId, String clientMessageId)
                throws SQLException;

        /** The conversation's highest seq in the tables, or empty if there is no such conversation. */
        OptionalLong lastSeq(Connection connection, ConversationId id) throws SQLException;

        /** The journal position the tables hold every entry up to. */
        long appliedThrough(Connection connection) throws SQLException;
    }

    /** One acknowledged message at its journal position, with the seq it was given. */
    record Entry(long position, NewMessage newMessage, Message message) {
        Entry(long position, NewMessage newMessage, long seq) {
            this(position, newMessage, newMessage.toMessage(seq));
        }
    }

    private record Request(NewMessage message, CompletableFuture<AppendOutcome> done) {}

    private final Backlog backlog;
    private final Database db;
    private final Tables tables;
    private final Pending pending;
    private final ConversationCache conversations;
    private final Connection journal;
    /** A connection to the main database for this thread's lookups (client ids, last seqs). */
    private final Connection lookups;

    private final BlockingQueue<Request> requests = new LinkedBlockingQueue<>();
    /** Last seq given per conversation; touched only on the journal thread. */
    private final Map<ConversationId, Long> lastSeqs = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<ConversationId, Long> eldest) {
            return size() > REMEMBERED_COUNTERS
                    && pending.lastSeq(eldest.getKey()).isEmpty();
        }
    };
    /** Copies the journal's log back beside its commits, so no checkpoint runs on the acknowledgement path. */
    private final Checkpointer checkpointer;

    private final Thread thread;
    private long nextPosition;
    private long deletedThrough;
    private volatile long appliedThrough;
    /** Whether a group of the main writer is asked for and has not started yet. */
    private final AtomicBoolean applyRequested = new AtomicBoolean();

    private volatile boolean closed;

    Journal(
            Path file,
            boolean fsyncEveryCommit,
            Backlog backlog,
            Database db,
            Tables tables,
            Pending pending,
            ConversationCache conversations) {
        this.backlog = backlog;
        this.db = db;
        this.tables = tables;
        this.pending = pending;
        this.conversations = conversations;
        try {
            Migrations.JOURNAL.migrate(file);
            journal = Database.connect(file, fsyncEveryCommit);
            lookups = db.openConnection();
            db.setGroupHooks(this);
            recover();
            checkpointer =
                    new Checkpointer(journal, file, fsyncEveryCommit, RESTART_LOG_PAGES, "sqlite-journal-checkpointer");
        } catch (SQLException e) {
            throw new StoreException("cannot open the journal at " + file + ": " + e.getMessage(), e);
        }
        thread = new Thread(this::run, "sqlite-journal");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Writes the entries a crash left in the journal but not in the tables into the tables, once, then starts the
     * journal over.
     */
    private void recover() throws SQLException {
        appliedThrough = tables.appliedThrough(lookups);
        List<Entry> left = read(appliedThrough);
        if (!left.isEmpty()) {
            pending.add(left);
            db.barrier();
            if (!pending.isEmpty()) {
                throw new SQLException("the tables did not take the journal's last " + left.size() + " messages");
            }
        }
        long last = appliedThrough;
        try (Statement statement = journal.createStatement();
                var rows = statement.executeQuery("SELECT coalesce(max(position), 0) FROM journal")) {
            last = Math.max(last, rows.next() ? rows.getLong(1) : 0);
        }
        nextPosition = last + 1;
        deleteThrough(last);
    }

    private List<Entry> read(long after) throws SQLException {
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
        var entries = new ArrayList<Entry>();
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
                            Optional.ofNullable(rows.getString(12)).map(ScheduledMessageId::of));
                    entries.add(new Entry(position, message, rows.getLong(4)));
                }
            }
        }
        return entries;
    }

    /**
     * Queues the message (see {@code Messages.append}); the future completes on this journal's thread once the
     * message is committed to the journal, in the order the appends were queued.
     */
    CompletableFuture<AppendOutcome> append(NewMessage message) {
        if (closed) {
            return CompletableFuture.failedFuture(new StoreException("the store is closed"));
        }
        var request = new Request(message, new CompletableFuture<>());
        requests.add(request);
        return request.done();
    }

    private void run() {
        var group = new ArrayList<Request>(MAX_GROUP);
        while (!closed || !requests.isEmpty()) {
            try {
                Request first = requests.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                group.add(first);
                requests.drainTo(group, MAX_GROUP - 1);
                if (pending.awaitFewerThan(backlog.maxPending(), backlog.maxWait())) {
                    commit(group);
                } else {
                    var behind = new StoreException("the message tables are " + backlog.maxPending()
                            + " messages behind the journal and did not catch up in "
                            + backlog.maxWait().toMillis() + " ms");
                    group.forEach(request -> request.done().completeExceptionally(behind));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                var failure = new StoreException("append failed: " + e.getMessage(), e);
                group.forEach(request -> request.done().completeExceptionally(failure));
            } finally {
                group.clear();
            }
        }
    }

    /**
     * Decides each request of the group (an earlier message for its client id, or the next seq), commits the new
     * ones to the journal in one transaction, makes them pending, queues them for the tables, then answers.
     */
    private void commit(List<Request> group) {
        var outcomes = new ArrayList<Object>(group.size());
        var entries = new ArrayList<Entry>(group.size());
        var claimed = new HashMap<Pending.ClientKey, Message>();
        var seqs = new HashMap<ConversationId, Long>();
        long firstPosition = nextPosition;
        for (Request request : group) {
            try {
                outcomes.add(decide(request.message(), entries, claimed, seqs));
            } catch (SQLException e) {
                outcomes.add(new StoreException("append failed: " + e.getMessage(), e));
            } catch (RuntimeException e) {
                outcomes.add(e);
            }
        }
        if (!entries.isEmpty()) {
            try {
                write(entries);
            } catch (SQLException e) {
                nextPosition = firstPosition;
                var failure = new StoreException("append failed: " + e.getMessage(), e);
                group.forEach(request -> request.done().completeExceptionally(failure));
                return;
            }
            lastSeqs.putAll(seqs);
            pending.add(entries);
            for (Entry entry : entries) {
                conversations.messageAdded(
                        entry.message().conversationId(), entry.message().createdAt());
            }
            requestApply();
        }
        for (int i = 0; i < group.size(); i++) {
            if (outcomes.get(i) instanceof AppendOutcome outcome) {
                group.get(i).done().complete(outcome);
            } else {
                group.get(i).done().completeExceptionally((Throwable) outcomes.get(i));
            }
        }
    }

    private AppendOutcome decide(
            NewMessage requested,
            List<Entry> entries,
            Map<Pending.ClientKey, Message> claimed,
            Map<ConversationId, Long> seqs)
            throws SQLException {
        // the tables keep milliseconds: a pending message looks exactly as it will once stored
        NewMessage message = new NewMessage(
                requested.id(),
                requested.conversationId(),
                requested.senderId(),
                requested.recipientId(),
                requested.type(),
                requested.content(),
                requested.attachments(),
                requested.clientMessageId(),
                requested.replyToId(),
                requested.createdAt().truncatedTo(ChronoUnit.MILLIS),
                requested.voice(),
                requested.scheduledMessageId());
        Optional<Pending.ClientKey> key =
                message.clientMessageId().map(clientId -> new Pending.ClientKey(message.senderId(), clientId));
        if (key.isPresent()) {
            Optional<Message> earlier = earlier(key.get(), claimed);
            if (earlier.isPresent()) {
                return new AppendOutcome.AlreadyStored(earlier.get());
            }
        }
        long seq = lastSeq(message.conversationId(), seqs) + 1;
        seqs.put(message.conversationId(), seq);
        var entry = new Entry(nextPosition++, message, seq);
        entries.add(entry);
        key.ifPresent(clientKey -> claimed.put(clientKey, entry.message()));
        return new AppendOutcome.Appended(entry.message());
    }

    /** The message sent earlier with this client key: in this group, pending, or in the tables (in that order). */
    private Optional<Message> earlier(Pending.ClientKey key, Map<Pending.ClientKey, Message> claimed)
            throws SQLException {
        Message inGroup = claimed.get(key);
        if (inGroup != null) {
            return Optional.of(inGroup);
        }
        Optional<Message> waiting = pending.byClientKey(key.senderId(), key.clientMessageId());
        if (waiting.isPresent()) {
            return waiting;
        }
        return tables.storedByClientKey(lookups, key.senderId(), key.clientMessageId());
    }

    /** The conversation's last seq: given in this group, remembered, pending, or in the tables (read in that order). */
    private long lastSeq(ConversationId id, Map<ConversationId, Long> seqs) throws SQLException {
        Long given = seqs.get(id);
        if (given == null) {
            given = lastSeqs.get(id);
        }
        if (given != null) {
            return given;
        }
        Optional<Long> waiting = pending.lastSeq(id);
        OptionalLong stored = tables.lastSeq(lookups, id);
        if (stored.isEmpty()) {
            throw new StoreException("unknown conversation " + id);
        }
        return Math.max(stored.getAsLong(), waiting.orElse(0L));
    }

    private void write(List<Entry> entries) throws SQLException {
        long applied = appliedThrough;
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

    private void insert(List<Entry> entries) throws SQLException {
        var insert = db.statement(
                journal,
                "INSERT INTO journal (position, id, conversation_id, seq, sender_id, "
                        + "recipient_id, type, content, client_message_id, reply_to_id, created_at, scheduled_message_id) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        for (Entry entry : entries) {
            NewMessage message = entry.newMessage();
            Rows.bind(
                    insert,
                    entry.position(),
                    message.id().value(),
                    message.conversationId().value(),
                    entry.message().seq(),
                    message.senderId().value(),
                    message.recipientId().map(UserId::value).orElse(null),
                    message.type().name(),
                    message.content(),
                    message.clientMessageId().orElse(null),
                    message.replyToId().map(MessageId::value).orElse(null),
                    message.createdAt(),
                    message.scheduledMessageId().map(ScheduledMessageId::value).orElse(null));
            insert.executeUpdate();
            int item = 0;
            for (Attachment attachment : message.attachments()) {
                var attach = db.statement(
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
                                db.statement(
                                        journal,
                                        "INSERT INTO journal_voice (position, duration_ms, waveform) "
                                                + "VALUES (?, ?, ?)"),
                                entry.position(),
                                message.voice().get().durationMs(),
                                VoiceColumns.waveform(message.voice().get()))
                        .executeUpdate();
            }
        }
    }

    /** Drops the journal's rows up to {@code position}, which the tables hold. */
    private void deleteRows(long position) throws SQLException {
        Rows.bind(db.statement(journal, "DELETE FROM journal WHERE position <= ?"), position)
                .executeUpdate();
        Rows.bind(db.statement(journal, "DELETE FROM journal_attachments WHERE position <= ?"), position)
                .executeUpdate();
        Rows.bind(db.statement(journal, "DELETE FROM journal_voice WHERE position <= ?"), position)
                .executeUpdate();
    }

    private void deleteThrough(long position) throws SQLException {
        try (Statement statement = journal.createStatement()) {
            statement.execute("BEGIN IMMEDIATE");
            deleteRows(position);
            statement.execute("COMMIT");
        }
        deletedThrough = position;
    }

    /**
     * Asks the main writer for a group, if none is asked for yet: every group starts by writing the pending entries
     * into the tables ({@link #beforeWrites}). If that group fails, the entries stay pending (and in the journal) and
     * another group is asked for shortly.
     */
    private void requestApply() {
        if (!applyRequested.compareAndSet(false, true)) {
            return;
        }
        try {
            db.writeAsync(connection -> null).whenComplete((done, failure) -> {
                if (failure != null && !closed) {
                    CompletableFuture.runAsync(
                            this::requestApply, CompletableFuture.delayedExecutor(100, TimeUnit.MILLISECONDS));
                }
            });
        } catch (StoreException closing) {
            // the database is closing: what is still pending stays in the journal for the next opening
            applyRequested.set(false);
        }
    }

    /**
     * At the start of each of the writer's transactions: writes every pending entry the tables do not hold yet into
     * them, in journal order, so every write of the group queued after a message was acknowledged (an edit, a
     * delete, a reaction, a receipt, a barrier) finds it in the tables. What the tables hold is read in the
     * transaction, so a rolled-back group leaves nothing behind that the next one would skip, and an entry is never
     * written twice.
     */
    @Override
    public void beforeWrites(Connection connection) throws SQLException {
        applyRequested.set(false);
        if (pending.isEmpty()) {
            return;
        }
        List<Entry> waiting = pending.after(tables.appliedThrough(connection));
        if (!waiting.isEmpty()) {
            tables.apply(connection, waiting);
        }
    }

    /** After each commit of the writer: the entries the tables now hold stop being pending. */
    @Override
    public void afterCommit(Connection connection) throws SQLException {
        if (pending.isEmpty()) {
            return;
        }
        long through = tables.appliedThrough(connection);
        if (through > appliedThrough) {
            appliedThrough = through;
            pending.removeThrough(through);
        }
    }

    /**
     * Journals what is queued and stops; the main writer, closed after, then writes the pending entries into the
     * tables. An append that comes too late to be journaled fails instead of waiting.
     */
    @Override
    public void close() {
        closed = true;
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        var failure = new StoreException("the store is closed");
        for (Request late; (late = requests.poll()) != null; ) {
            late.done().completeExceptionally(failure);
        }
        requestApply();
        checkpointer.close();
        db.forget(journal);
        db.forget(lookups);
        for (Connection connection : List.of(journal, lookups)) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // closing at shutdown
            }
        }
    }
}
