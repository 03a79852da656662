package io.messaging.sqlite;

import io.messaging.core.model.ConversationId;
import io.messaging.core.model.Message;
import io.messaging.core.model.NewMessage;
import io.messaging.core.port.out.Messages.AppendOutcome;
import io.messaging.core.port.out.StoreException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The acknowledgement path of appends. Appends are queued to the journal's own thread, which takes them in groups
 * and decides each one there, where nothing races: an earlier message for the same client message id (in the group,
 * unapplied, or in the tables) or the conversation's next seq. The group's new messages are committed to the
 * {@link JournalFile} in one short transaction, and a send is acknowledged once that commit is done (as durable as
 * any commit of the store). They are then {@link UnappliedMessages} in memory, where every read finds them, and the
 * journal asks the main writer for a group, which starts by writing them into the tables ({@link TableCatchUp}).
 * On opening, the journal's entries past what the tables hold are written into the tables exactly once.
 */
final class Journal implements AutoCloseable {
    private static final int MAX_GROUP = 512;
    /** Conversations whose last seq is remembered; the least recent without pending messages are forgotten. */
    private static final int REMEMBERED_COUNTERS = 100_000;

    /**
     * How far the journal may run ahead of the tables: beyond {@code maxPending} acknowledged messages not yet in
     * the tables, appends wait for the writer, and an append that waited {@code maxWait} in vain fails.
     */
    record Backlog(int maxPending, Duration maxWait) {
        static final Backlog DEFAULT = new Backlog(100_000, Duration.ofSeconds(30));
    }

    private record Request(NewMessage message, CompletableFuture<AppendOutcome> done) {}

    private final JournalFile file;
    private final Backlog backlog;
    private final Database db;
    private final MessageTables tables;
    private final UnappliedMessages unapplied;
    private final TableCatchUp catchUp;
    private final ConversationCache conversations;
    /** A connection to the main database for this thread's lookups (client ids, last seqs). */
    private final Connection lookups;
    /** The client keys the tables may hold: those they surely do not are not looked up. */
    private final ClientKeys clientKeys;
    /** Last seq given per conversation; touched only on the journal thread. */
    private final Map<ConversationId, Long> lastSeqs = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<ConversationId, Long> eldest) {
            return size() > REMEMBERED_COUNTERS
                    && unapplied.lastSeq(eldest.getKey()).isEmpty();
        }
    };

    private final GroupCommitLoop<Request> requests;
    private long nextPosition;

    /**
     * Opens the journal over the main database and recovers what a crash left in it; appends are taken from then
     * on.
     */
    Journal(
            JournalFile file,
            Backlog backlog,
            Database db,
            MessageTables tables,
            UnappliedMessages unapplied,
            TableCatchUp catchUp,
            ConversationCache conversations) {
        this.file = file;
        this.backlog = backlog;
        this.db = db;
        this.tables = tables;
        this.unapplied = unapplied;
        this.catchUp = catchUp;
        this.conversations = conversations;
        try {
            lookups = db.openConnection();
            recover();
            clientKeys = ClientKeys.read(db, lookups);
        } catch (SQLException e) {
            throw new StoreException("cannot open the journal: " + e.getMessage(), e);
        }
        requests = new GroupCommitLoop<>("sqlite-journal", MAX_GROUP, this::commit);
    }

    /**
     * Writes the entries a crash left in the journal but not in the tables into the tables, once, then starts the
     * journal over.
     */
    private void recover() throws SQLException {
        long applied = tables.appliedThrough(lookups);
        catchUp.startFrom(applied);
        List<JournalEntry> left = file.read(applied);
        if (!left.isEmpty()) {
            unapplied.add(left);
            db.barrier();
            if (!unapplied.isEmpty()) {
                throw new SQLException("the tables did not take the journal's last " + left.size() + " messages");
            }
        }
        long last = Math.max(catchUp.appliedThrough(), file.lastPosition());
        nextPosition = last + 1;
        file.deleteThrough(last);
    }

    /**
     * Queues the message (see {@code Messages.append}); the future completes on this journal's thread once the
     * message is committed to the journal, in the order the appends were queued.
     */
    CompletableFuture<AppendOutcome> append(NewMessage message) {
        var request = new Request(message, new CompletableFuture<>());
        if (!requests.submit(request)) {
            return CompletableFuture.failedFuture(new StoreException("the store is closed"));
        }
        return request.done();
    }

    /** Commits one group, unless the tables are too far behind: then the group fails rather than waits forever. */
    private void commit(List<Request> group) throws InterruptedException {
        try {
            if (unapplied.awaitFewerThan(backlog.maxPending(), backlog.maxWait())) {
                journal(group);
            } else {
                var behind = new StoreException("the message tables are " + backlog.maxPending()
                        + " messages behind the journal and did not catch up in "
                        + backlog.maxWait().toMillis() + " ms");
                group.forEach(request -> request.done().completeExceptionally(behind));
            }
        } catch (RuntimeException e) {
            var failure = new StoreException("append failed: " + e.getMessage(), e);
            group.forEach(request -> request.done().completeExceptionally(failure));
        }
    }

    /**
     * Decides each request of the group (an earlier message for its client id, or the next seq), commits the new
     * ones to the journal in one transaction, makes them pending, queues them for the tables, then answers.
     */
    private void journal(List<Request> group) {
        var outcomes = new ArrayList<Object>(group.size());
        var entries = new ArrayList<JournalEntry>(group.size());
        var claimed = new HashMap<UnappliedMessages.ClientKey, Message>();
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
                file.append(entries, catchUp.appliedThrough());
            } catch (SQLException e) {
                nextPosition = firstPosition;
                var failure = new StoreException("append failed: " + e.getMessage(), e);
                group.forEach(request -> request.done().completeExceptionally(failure));
                return;
            }
            lastSeqs.putAll(seqs);
            unapplied.add(entries);
            for (JournalEntry entry : entries) {
                conversations.messageAdded(
                        entry.message().conversationId(), entry.message().createdAt());
            }
            askForTables();
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
            List<JournalEntry> entries,
            Map<UnappliedMessages.ClientKey, Message> claimed,
            Map<ConversationId, Long> seqs)
            throws SQLException {
        NewMessage message = JournalEntry.asStored(requested);
        Optional<UnappliedMessages.ClientKey> key = message.clientMessageId()
                .map(clientId -> new UnappliedMessages.ClientKey(message.senderId(), clientId));
        if (key.isPresent()) {
            Optional<Message> earlier = earlier(key.get(), claimed);
            if (earlier.isPresent()) {
                return new AppendOutcome.AlreadyStored(earlier.get());
            }
        }
        long seq = lastSeq(message.conversationId(), seqs) + 1;
        seqs.put(message.conversationId(), seq);
        var entry = new JournalEntry(nextPosition++, message, seq);
        entries.add(entry);
        key.ifPresent(clientKey -> {
            claimed.put(clientKey, entry.message());
            clientKeys.add(clientKey);
        });
        return new AppendOutcome.Appended(entry.message());
    }

    /** The message sent earlier with this client key: in this group, pending, or in the tables (in that order). */
    private Optional<Message> earlier(
            UnappliedMessages.ClientKey key, Map<UnappliedMessages.ClientKey, Message> claimed) throws SQLException {
        Message inGroup = claimed.get(key);
        if (inGroup != null) {
            return Optional.of(inGroup);
        }
        Optional<Message> waiting = unapplied.byClientKey(key.senderId(), key.clientMessageId());
        if (waiting.isPresent()) {
            return waiting;
        }
        if (!clientKeys.mayBeStored(key)) {
            return Optional.empty();
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
        Optional<Long> waiting = unapplied.lastSeq(id);
        OptionalLong stored = tables.lastSeq(lookups, id);
        if (stored.isEmpty()) {
            throw new StoreException("unknown conversation " + id);
        }
        return Math.max(stored.getAsLong(), waiting.orElse(0L));
    }

    /**
     * Asks the main writer for a group, if none is asked for yet: every group starts by writing the unapplied
     * entries into the tables. If that group fails, the entries stay unapplied (and in the journal) and another group
     * is asked for shortly.
     */
    private void askForTables() {
        if (!catchUp.askForGroup()) {
            return;
        }
        try {
            db.writeAsync(connection -> null).whenComplete((done, failure) -> {
                if (failure != null && !requests.isClosed()) {
                    CompletableFuture.runAsync(
                            this::askForTables, CompletableFuture.delayedExecutor(100, TimeUnit.MILLISECONDS));
                }
            });
        } catch (StoreException closing) {
            // the database is closing: what is still unapplied stays in the journal for the next opening
            catchUp.cancelAsk();
        }
    }

    /**
     * Journals what is queued and stops; the main writer, closed after, then writes the unapplied entries into the
     * tables. An append that comes too late to be journaled fails instead of waiting.
     */
    @Override
    public void close() {
        var failure = new StoreException("the store is closed");
        requests.closeAndDrain().forEach(late -> late.done().completeExceptionally(failure));
        askForTables();
        file.close();
        db.forget(lookups);
        try {
            lookups.close();
        } catch (SQLException ignored) {
            // closing at shutdown
        }
    }
}
