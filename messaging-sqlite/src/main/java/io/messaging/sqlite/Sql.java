package io.messaging.sqlite;

import java.sql.Connection;
import java.sql.SQLException;

/** Work done on a connection inside the store; the store turns its SQLException into a StoreException. */
@FunctionalInterface
interface Sql<T> {
    T run(Connection connection) throws SQLException;
}
