package io.messaging.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The signing secret: from configuration, or (in development) generated once and kept in the data directory. */
final class JwtSecret {
    private static final Logger LOG = LoggerFactory.getLogger(JwtSecret.class);

    private JwtSecret() {
    }

    static String resolve(ServerConfig config) throws IOException {
        if (config.jwtSecret().isPresent()) {
            return config.jwtSecret().get();
        }
        Path file = config.dataDir().resolve("jwt-secret");
        if (Files.exists(file)) {
            return Files.readString(file, StandardCharsets.UTF_8).trim();
        }
        byte[] bytes = new byte[48];
        new SecureRandom().nextBytes(bytes);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Files.createDirectories(config.dataDir());
        Files.writeString(file, secret, StandardCharsets.UTF_8);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system: the data directory's own permissions protect it
        }
        LOG.warn("JWT_SECRET is not set: generated one in {} for development; set JWT_SECRET in production", file);
        return secret;
    }
}
