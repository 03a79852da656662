package io.messaging.sqlite;

import java.io.FileNotFoundException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.resource.LoadableResource;

/** Flyway's migration scripts, as a fixed list of class path resources in one folder, found without a scan. */
final class ListedScripts implements ResourceProvider {
    private final List<LoadableResource> scripts;

    /** The scripts named {@code fileNames} in {@code folder} (a class path folder, without a trailing slash). */
    ListedScripts(ClassLoader classLoader, String folder, List<String> fileNames) {
        this.scripts = fileNames.stream()
                .<LoadableResource>map(name -> new Script(classLoader, folder, name))
                .toList();
    }

    @Override
    public LoadableResource getResource(String name) {
        return scripts.stream()
                .filter(script -> script.getRelativePath().equals(name))
                .findFirst()
                .orElse(null);
    }

    @Override
    public Collection<LoadableResource> getResources(String prefix, String[] suffixes) {
        return scripts.stream()
                .filter(script -> script.getFilename().startsWith(prefix))
                .filter(script -> Arrays.stream(suffixes).anyMatch(script.getFilename()::endsWith))
                .toList();
    }

    /** One script, read from the class path when Flyway asks for it. */
    private static final class Script extends LoadableResource {
        private final ClassLoader classLoader;
        private final String path;
        private final String fileName;

        Script(ClassLoader classLoader, String folder, String fileName) {
            this.classLoader = classLoader;
            this.path = folder + "/" + fileName;
            this.fileName = fileName;
        }

        @Override
        public Reader read() {
            var stream = classLoader.getResourceAsStream(path);
            if (stream == null) {
                throw new UncheckedIOException(new FileNotFoundException("no migration script " + path));
            }
            return new InputStreamReader(stream, StandardCharsets.UTF_8);
        }

        @Override
        public String getAbsolutePath() {
            return path;
        }

        @Override
        public String getAbsolutePathOnDisk() {
            return path;
        }

        @Override
        public String getFilename() {
            return fileName;
        }

        /** The name within the folder, as Flyway's own class path scan gives it and records in its history. */
        @Override
        public String getRelativePath() {
            return fileName;
        }
    }
}
