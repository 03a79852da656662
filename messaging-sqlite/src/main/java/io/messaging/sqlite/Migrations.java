package io.messaging.sqlite;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationVersion;
import org.sqlite.SQLiteDataSource;

/**
 * The schema of the store's two SQLite databases, brought up to date by Flyway from the scripts under
 * {@code io/messaging/sqlite/migration/}: {@link #TABLES} for {@code messaging.db}, {@link #JOURNAL} for
 * {@code journal.db}. A database made before Flyway kept its version elsewhere (the tables in {@code PRAGMA
 * user_version}, the journal in the shape of its tables); it is baselined at that version on first opening, so only
 * the newer scripts run on it.
 */
enum Migrations {
    /** The message tables and everything else in {@code messaging.db}. */
    TABLES("tables") {
        @Override
        Optional<String> versionBeforeFlyway(Connection connection) throws SQLException {
            int version = userVersion(connection);
            return version > 0 ? Optional.of(String.valueOf(version)) : Optional.empty();
        }

        /** Kept equal to Flyway's version, so an older release opening this database sees it is up to date. */
        @Override
        void afterMigrate(Connection connection, MigrationVersion version) throws SQLException {
            try (Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA user_version=" + Integer.parseInt(version.getVersion()));
            }
        }
    },
    /** The send journal, {@code journal.db}. */
    JOURNAL("journal") {
        @Override
        Optional<String> versionBeforeFlyway(Connection connection) throws SQLException {
            if (!exists(connection, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'journal'")) {
                return Optional.empty();
            }
            if (!exists(connection, "SELECT 1 FROM pragma_table_info('journal') WHERE name = 'scheduled_message_id'")) {
                return Optional.of("1");
            }
            return Optional.of(
                    exists(connection, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'journal_voice'")
                            ? "3"
                            : "2");
        }
    };

    private static final String HISTORY_TABLE = "flyway_schema_history";

    private final String folder;

    Migrations(String folder) {
        this.folder = folder;
    }

    /** Applies every script newer than the database's version; creates the database file if there is none. */
    void migrate(Path file) throws SQLException {
        migrate(file, MigrationVersion.LATEST);
    }

    /** Applies the scripts up to {@code target} only, as an older release left the database (for tests). */
    void migrate(Path file, MigrationVersion target) throws SQLException {
        String url = "jdbc:sqlite:" + file.toAbsolutePath();
        var configuration = Flyway.configure(Migrations.class.getClassLoader())
                .dataSource(dataSource(url))
                .locations("classpath:io/messaging/sqlite/migration/" + folder)
                .table(HISTORY_TABLE)
                .target(target)
                .validateMigrationNaming(true);
        try (Connection connection = DriverManager.getConnection(url)) {
            if (!exists(
                    connection,
                    "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '" + HISTORY_TABLE + "'")) {
                Optional<String> legacy = versionBeforeFlyway(connection);
                if (legacy.isPresent()) {
                    configuration.baselineOnMigrate(true).baselineVersion(legacy.get());
                }
            }
            try {
                var result = configuration.load().migrate();
                if (result.targetSchemaVersion != null) {
                    afterMigrate(connection, MigrationVersion.fromVersion(result.targetSchemaVersion));
                }
            } catch (FlywayException e) {
                throw new SQLException("migrating " + file + " failed: " + e.getMessage(), e);
            }
        }
    }

    /** The version a database made before Flyway is at, or empty for a new database. */
    abstract Optional<String> versionBeforeFlyway(Connection connection) throws SQLException;

    /** What else marks the database as migrated to {@code version}. */
    void afterMigrate(Connection connection, MigrationVersion version) throws SQLException {}

    private static SQLiteDataSource dataSource(String url) {
        var dataSource = new SQLiteDataSource();
        dataSource.setUrl(url);
        return dataSource;
    }

    private static int userVersion(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                var rows = statement.executeQuery("PRAGMA user_version")) {
            return rows.next() ? rows.getInt(1) : 0;
        }
    }

    private static boolean exists(Connection connection, String query) throws SQLException {
        try (Statement statement = connection.createStatement();
                var rows = statement.executeQuery(query)) {
            return rows.next();
        }
    }
}
