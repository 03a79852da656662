package io.messaging.mongo;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;
import java.util.UUID;

/** The embedded MongoDB wire server on loopback, one per test JVM, a fresh database per test. */
final class EmbeddedMongo {
    private static MongoServer server;
    private static String address;

    private EmbeddedMongo() {}

    static synchronized String freshDatabaseUri() {
        if (server == null) {
            server = new MongoServer(new MemoryBackend());
            InetSocketAddress bound = server.bind();
            address = "127.0.0.1:" + bound.getPort();
        }
        return "mongodb://" + address + "/test_" + UUID.randomUUID().toString().replace("-", "")
                + "?serverSelectionTimeoutMS=3000";
    }
}
