package io.messaging.app;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The signing secret: from configuration, or (in development) generated once and kept in the data directory. */
final class JwtSecret {
    private static final Logger LOG = LoggerFactory.getLogger(JwtSecret.class);

    private JwtSecret() {}

    static String resolve(ServerConfig config) throws IOException {
        if (config.jwtSecret().isPresent()) {
            return config.jwtSecret().get();
        }
        Path file = config.dataDir().resolve("jwt-secret");
        return GeneratedSecretFile.readOrCreate(
                file,
                () -> {
                    byte[] bytes = new byte[48];
                    new SecureRandom().nextBytes(bytes);
                    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
                },
                () -> LOG.warn(
                        "JWT_SECRET is not set: generated one in {} for development; set JWT_SECRET in production",
                        file));
    }
}
