package io.messaging.app;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The embedded MongoDB wire server ({@code mongo-java-server}, in memory) as its own process, so that several server
 * processes reach one database through {@code MONGODB_URI}: {@code MongoWireServer <port>}. No MongoDB binary can
 * be downloaded here; what only a real replica set shows is in the README.
 */
public final class MongoWireServer {
    private MongoWireServer() {}

    public static void main(String[] args) throws InterruptedException {
        var server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", Integer.parseInt(args[0]));
        System.out.println("listening on " + args[0]);
        new CountDownLatch(1).await();
    }

    /** Starts the wire server in a child JVM on a free port; the caller destroys the process. */
    static Process start(int port, Path log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(
                        java,
                        "-Xmx256m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        MongoWireServer.class.getName(),
                        String.valueOf(port))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
    }
}
