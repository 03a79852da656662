package io.messaging.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.function.Supplier;

/** A secret kept in the data directory for development: read if it is there, otherwise generated once. */
final class GeneratedSecretFile {
    private GeneratedSecretFile() {}

    /** The file's content, trimmed; or a new secret from {@code generate}, written readable by the owner only. */
    static String readOrCreate(Path file, Supplier<String> generate, Runnable warnGenerated) throws IOException {
        if (Files.exists(file)) {
            return Files.readString(file, StandardCharsets.UTF_8).trim();
        }
        String secret = generate.get();
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, secret, StandardCharsets.UTF_8);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system: the data directory's own permissions protect it
        }
        warnGenerated.run();
        return secret;
    }
}
