package io.messaging.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/**
 * The build's one start of the server that records the classes a start loads (AppCDS, see {@code jvm.options}):
 * on a free port and the given data directory, it answers one {@code /api/health} over HTTP and stops, so the
 * JVM's {@code -XX:ArchiveClassesAtExit} writes what later starts map instead of loading.
 */
final class ClassArchiveRun {
    static final String FLAG = "--record-class-archive";

    private ClassArchiveRun() {}

    /** The environment of the run: the caller's, on a port that is free now. */
    static Map<String, String> environment(Map<String, String> environment) {
        var withPort = new HashMap<>(environment);
        try (var socket = new ServerSocket(0)) {
            withPort.put("PORT", Integer.toString(socket.getLocalPort()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return withPort;
    }

    /** Asks the started server for its health once, then stops it. */
    static void finish(MessagingServer server) throws IOException {
        try {
            var connection = (HttpURLConnection) URI.create("http://127.0.0.1:" + server.port() + "/api/health")
                    .toURL()
                    .openConnection();
            int status = connection.getResponseCode();
            connection.getInputStream().readAllBytes();
            if (status != 200) throw new IOException("/api/health answered " + status);
        } finally {
            server.close();
        }
    }
}
