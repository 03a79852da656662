package io.messaging.sqlite;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationVersion;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The schema of the store's two SQLite databases, brought up to date by Flyway from the scripts listed here, under
 * {@code io/messaging/sqlite/migration/}: {@link #TABLES} for {@code messaging.db}, {@link #JOURNAL} for
 * {@code journal.db}. A database made before Flyway kept its version elsewhere (the tables in {@code PRAGMA
 * user_version}, the journal in the shape of its tables); it is baselined at that version on first opening, so only
 * the newer scripts run on it.
 */
enum Migrations {
    /** The message tables and everything else in {@code messaging.db}. */
    TABLES(
            "tables",
            "V1__schema.sql",
            "V2__unread_index.sql",
            "V3__drop_time_index.sql",
            "V4__deferred_search_index.sql",
            "V5__one_index_per_conversation.sql",
            "V6__journal_progress.sql",
            "V7__web_push.sql",
            "V8__scheduled_messages.sql",
            "V9__voice_messages.sql",
            "V10__token_version.sql",
            "V11__end_to_end_encryption.sql") {
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
    JOURNAL("journal", "V1__journal.sql", "V2__scheduled_message_id.sql", "V3__voice.sql", "V4__envelopes.sql") {
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
    private static final String LOCATION = "io/messaging/sqlite/migration/";

    private final String folder;
    private final List<String> scripts;

    /**
     * The database whose scripts are {@code scripts} in {@code folder}. They are listed here rather than found by
     * Flyway's class path scan, which reads every entry of the server's jar (about a tenth of a cold start);
     * {@code MigrationsTest} holds the list to the folder's content.
     */
    Migrations(String folder, String... scripts) {
        this.folder = folder;
        this.scripts = List.of(scripts);
    }

    /** The folder's scripts, as listed. */
    List<String> scripts() {
        return scripts;
    }

    /** The class path folder of the scripts, without a trailing slash. */
    String location() {
        return LOCATION + folder;
    }

    /** Brings both databases up to date at once, the journal on a thread of its own, as neither needs the other. */
    static void migrate(Path tables, Path journal) throws SQLException {
        var journalMigration = new FutureTask<Void>(() -> {
            JOURNAL.migrate(journal);
            return null;
        });
        new Thread(journalMigration, "sqlite-journal-migration").start();
        try {
            TABLES.migrate(tables);
        } finally {
            await(journalMigration);
        }
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
                .resourceProvider(new ListedScripts(Migrations.class.getClassLoader(), location(), scripts))
                .javaMigrationClassProvider(List::of)
                .skipDefaultCallbacks(true)
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

    /**
     * Flyway's connections, in the WAL mode the store uses anyway and without an fsync per script: a script and its
     * row in the history table commit together, so a database cut off by a crash or a power loss is at the last
     * script it recorded, and the next start runs the rest.
     */
    private static SQLiteDataSource dataSource(String url) {
        var config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        var dataSource = new SQLiteDataSource(config);
        dataSource.setUrl(url);
        return dataSource;
    }

    /** Waits for {@code migration} to end, even when interrupted, and throws what it threw. */
    private static void await(FutureTask<Void> migration) throws SQLException {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    migration.get();
                    return;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof SQLException failure) {
                        throw failure;
                    }
                    if (e.getCause() instanceof RuntimeException failure) {
                        throw failure;
                    }
                    throw new IllegalStateException(e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
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
