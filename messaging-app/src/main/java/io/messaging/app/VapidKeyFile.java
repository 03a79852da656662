package io.messaging.app;

import io.messaging.push.VapidKeys;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The VAPID key pair for Web Push: from configuration, or (in development) generated once and kept in the data
 * directory; in production without configured keys, push is off.
 */
final class VapidKeyFile {
    private static final Logger LOG = LoggerFactory.getLogger(VapidKeyFile.class);

    private VapidKeyFile() {}

    static Optional<VapidKeys> resolve(ServerConfig config) throws IOException {
        var push = config.push();
        if (push.vapidPublicKey().isPresent() && push.vapidPrivateKey().isPresent()) {
            return Optional.of(VapidKeys.parse(
                    push.vapidPublicKey().get(), push.vapidPrivateKey().get()));
        }
        if (config.production()) {
            LOG.info("Web Push is off: set VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY and VAPID_SUBJECT to turn it on");
            return Optional.empty();
        }
        Path file = config.dataDir().resolve("vapid-keys");
        String stored = GeneratedSecretFile.readOrCreate(
                file,
                () -> {
                    var generated = VapidKeys.generate();
                    return generated.publicKeyBase64Url() + "\n" + generated.privateKeyBase64Url() + "\n";
                },
                () -> LOG.warn(
                        "VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY are not set: generated a pair in {} for development;"
                                + " set them (and VAPID_SUBJECT) in production",
                        file));
        String[] halves = stored.split("\\s+");
        if (halves.length != 2) {
            throw new IOException(file + " must hold the VAPID public and private keys on two lines");
        }
        return Optional.of(VapidKeys.parse(halves[0], halves[1]));
    }
}
