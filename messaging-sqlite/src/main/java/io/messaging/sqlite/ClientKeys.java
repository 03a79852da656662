package io.messaging.sqlite;

import com.google.common.hash.BloomFilter;
import com.google.common.hash.Funnel;
import io.messaging.core.model.UserId;
import io.messaging.sqlite.UnappliedMessages.ClientKey;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Which (sender, client message id) keys the message tables may hold, so that the journal looks a key up in the
 * tables only when it may be there: every new message of a client checks its key, and almost none is a retry. A
 * Bloom filter (no false "absent", about 1 % false "may be there") over every key the tables held at opening, read in
 * the background in pages of the index, and every key the journal decides from then on. Until that read is complete,
 * every key may be there.
 */
final class ClientKeys {
    private static final int PAGE = 10_000;
    private static final double FALSE_POSITIVES = 0.01;
    private static final long MIN_EXPECTED = 1_000_000;
    private static final Funnel<ClientKey> FUNNEL =
            (key, into) -> into.putString(key.senderId().value(), StandardCharsets.UTF_8)
                    .putChar('\u0000')
                    .putString(key.clientMessageId(), StandardCharsets.UTF_8);

    private final BloomFilter<ClientKey> keys;
    private volatile boolean complete;

    private ClientKeys(long expected) {
        this.keys = BloomFilter.create(FUNNEL, Math.max(MIN_EXPECTED, expected), FALSE_POSITIVES);
    }

    /**
     * Starts reading the keys the tables hold on a thread of its own, over a connection of its own that it closes
     * when done; the filter is sized for twice the messages the tables hold now ({@code lookups} counts them). A
     * failure leaves the filter incomplete, so every key is still looked up.
     */
    static ClientKeys read(Database db, Connection lookups) throws SQLException {
        long stored;
        try (var statement = lookups.createStatement();
                var rows = statement.executeQuery("SELECT coalesce(max(entry), 0) FROM messages")) {
            stored = rows.next() ? rows.getLong(1) : 0;
        }
        var clientKeys = new ClientKeys(stored * 2);
        var reader = new Thread(() -> clientKeys.readAll(db), "sqlite-client-keys");
        reader.setDaemon(true);
        reader.start();
        return clientKeys;
    }

    /** Whether the tables may hold a message of this sender with this client id. */
    boolean mayBeStored(ClientKey key) {
        return !complete || keys.mightContain(key);
    }

    /** A key the journal decided: from now on the tables may hold it. */
    void add(ClientKey key) {
        keys.put(key);
    }

    /** Whether every key the tables held at opening has been read (for tests). */
    boolean isComplete() {
        return complete;
    }

    private void readAll(Database db) {
        try (Connection connection = db.openConnection();
                var page = connection.prepareStatement("SELECT sender_id, client_message_id FROM messages"
                        + " WHERE client_message_id IS NOT NULL AND (sender_id, client_message_id) > (?, ?)"
                        + " ORDER BY sender_id, client_message_id LIMIT " + PAGE)) {
            String afterSender = "";
            String afterClientId = "";
            int read;
            do {
                read = 0;
                page.setString(1, afterSender);
                page.setString(2, afterClientId);
                try (var rows = page.executeQuery()) {
                    while (rows.next()) {
                        afterSender = rows.getString(1);
                        afterClientId = rows.getString(2);
                        keys.put(new ClientKey(UserId.of(afterSender), afterClientId));
                        read++;
                    }
                }
            } while (read == PAGE);
            complete = true;
        } catch (SQLException | RuntimeException e) {
            // incomplete: every key is looked up in the tables, as without a filter
        }
    }
}
