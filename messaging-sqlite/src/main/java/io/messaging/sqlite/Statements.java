package io.messaging.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Statements prepared once per connection and kept open. A connection is used by one thread at a time (a writer
 * thread, or the borrower of a reader), so each connection's map is too.
 */
final class Statements {
    private final Map<Connection, Map<String, PreparedStatement>> byConnection = new ConcurrentHashMap<>();

    /** The statement for {@code sql} on this connection: callers bind, execute and close its result sets only. */
    PreparedStatement on(Connection connection, String sql) throws SQLException {
        var cache = byConnection.computeIfAbsent(connection, key -> new HashMap<>());
        PreparedStatement statement = cache.get(sql);
        if (statement == null) {
            statement = connection.prepareStatement(sql);
            cache.put(sql, statement);
        }
        return statement;
    }

    /** Closes and forgets the statements of a connection its owner is about to close. */
    void forget(Connection connection) {
        var cache = byConnection.remove(connection);
        if (cache != null) {
            cache.values().forEach(Statements::closeQuietly);
        }
    }

    /** Closes every statement kept, at shutdown. */
    void closeAll() {
        byConnection.keySet().forEach(this::forget);
    }

    private static void closeQuietly(PreparedStatement statement) {
        try {
            statement.close();
        } catch (SQLException ignored) {
            // closing at shutdown: nothing left to do with a failure
        }
    }
}
