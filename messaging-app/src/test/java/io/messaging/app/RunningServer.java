package io.messaging.app;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** The whole server, started in this JVM on a free port with a fresh data directory. */
final class RunningServer implements AutoCloseable {
    final MessagingServer server;
    final String base;
    final Path dataDir;

    RunningServer(Map<String, String> extraEnvironment) throws IOException {
        this(Files.createTempDirectory("messaging-app-test"), freePort(), extraEnvironment);
    }

    /** A server on a given data directory and port, as a restart of an earlier one. */
    RunningServer(Path dataDir, int port, Map<String, String> extraEnvironment) throws IOException {
        this.dataDir = dataDir;
        var env = new HashMap<>(environment(port, dataDir));
        env.putAll(extraEnvironment);
        var loaded = ConfigLoader.load(env);
        if (!(loaded instanceof ConfigLoader.Loaded.Valid valid)) {
            throw new IllegalStateException(((ConfigLoader.Loaded.Invalid) loaded).line());
        }
        server = MessagingServer.start(valid.config());
        base = "http://127.0.0.1:" + server.port();
    }

    static Map<String, String> environment(int port, Path dataDir) {
        return Map.of(
                "PORT",
                Integer.toString(port),
                "DATA_DIR",
                dataDir.toString(),
                "JWT_SECRET",
                "a-test-secret-that-is-long-enough-for-hs256",
                "CLIENT_HOST",
                "http://localhost:" + port);
    }

    static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
