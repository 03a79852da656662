package io.messaging.app;

import io.messaging.core.port.out.ScheduledMessages;
import io.messaging.core.port.out.Stores;
import io.messaging.mongo.MongoStores;
import io.messaging.sqlite.SqliteStores;
import java.util.function.BooleanSupplier;

/** Opens the store the configuration asks for: MongoDB with {@code MONGODB_URI}, otherwise embedded SQLite. */
final class StoreChoice {

    /** An open store: its ports, its health probe, and what closes it. */
    record OpenStore(
            Stores stores,
            ScheduledMessages scheduledMessages,
            BooleanSupplier healthProbe,
            AutoCloseable handle,
            String description) {}

    private StoreChoice() {}

    static OpenStore open(ServerConfig config) {
        if (config.mongodbUri().isPresent()) {
            var mongo = MongoStores.connect(config.mongodbUri().get());
            return new OpenStore(mongo.stores(), mongo.scheduledMessages(), mongo::isHealthy, mongo, "MongoDB");
        }
        var sqlite = SqliteStores.open(
                config.dataDir(),
                config.sqliteStrictDurability()
                        ? SqliteStores.Durability.POWER_LOSS
                        : SqliteStores.Durability.PROCESS_CRASH);
        return new OpenStore(
                sqlite.stores(),
                sqlite.scheduledMessages(),
                sqlite::isHealthy,
                sqlite,
                "SQLite in " + config.dataDir());
    }
}
