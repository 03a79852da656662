package io.messaging.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sqlite.SQLiteDataSource;

/** The scripts each database lists are the ones in its folder, and Flyway records them as its own scan would. */
class MigrationsTest {
    @TempDir
    Path dataDir;

    @ParameterizedTest
    @EnumSource(Migrations.class)
    void theListedScriptsAreTheScriptsInTheFolder(Migrations database) throws Exception {
        Path folder = folder(database);
        List<String> inFolder;
        try (Stream<Path> files = Files.list(folder)) {
            inFolder = files.map(file -> file.getFileName().toString()).sorted().toList();
        }
        assertEquals(inFolder, database.scripts().stream().sorted().toList());
    }

    @ParameterizedTest
    @EnumSource(Migrations.class)
    void theHistoryIsTheOneFlywaysOwnScanWrites(Migrations database) throws Exception {
        Path listed = dataDir.resolve("listed.db");
        Path scanned = dataDir.resolve("scanned.db");
        database.migrate(listed);
        var dataSource = new SQLiteDataSource();
        dataSource.setUrl("jdbc:sqlite:" + scanned);
        Flyway.configure(Migrations.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:" + database.location())
                .table("flyway_schema_history")
                .load()
                .migrate();

        List<String> history = history(listed);
        assertFalse(history.isEmpty());
        assertEquals(history(scanned), history);
    }

    @Test
    void bothDatabasesAreBroughtUpToDateTogether() throws Exception {
        Migrations.migrate(dataDir.resolve("messaging.db"), dataDir.resolve("journal.db"));

        assertEquals(
                Migrations.TABLES.scripts().size(),
                history(dataDir.resolve("messaging.db")).size());
        assertEquals(
                Migrations.JOURNAL.scripts().size(),
                history(dataDir.resolve("journal.db")).size());
    }

    private static Path folder(Migrations database) throws URISyntaxException {
        var url = Migrations.class.getClassLoader().getResource(database.location());
        return Path.of(url.toURI());
    }

    /** Version, description, script and checksum of every applied script, in order. */
    private static List<String> history(Path file) throws SQLException {
        var rows = new ArrayList<String>();
        try (var connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                var statement = connection.createStatement();
                var result = statement.executeQuery("SELECT version, description, script, checksum, success "
                        + "FROM flyway_schema_history ORDER BY installed_rank")) {
            while (result.next()) {
                rows.add(result.getString(1) + " " + result.getString(2) + " " + result.getString(3) + " "
                        + result.getInt(4) + " " + result.getBoolean(5));
            }
        }
        return rows;
    }
}
