package io.messaging.mongo;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoException;
import com.mongodb.ReadPreference;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.gridfs.GridFSBuckets;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import io.messaging.core.port.out.ScheduledMessages;
import io.messaging.core.port.out.StoreException;
import io.messaging.core.port.out.Stores;
import org.bson.Document;

/**
 * The MongoDB store adapters, for production and for several server nodes sharing one database. Writes are
 * acknowledged by a majority with journaling; the indexes are created at connect.
 */
public final class MongoStores implements AutoCloseable {
    private final MongoClient client;
    private final MongoDatabase database;
    private final Stores stores;
    private final MongoScheduledMessages scheduledMessages;

    private MongoStores(ConnectionString uri) {
        if (uri.getDatabase() == null) {
            throw new IllegalArgumentException("MONGODB_URI must name a database: mongodb://host:port/database");
        }
        this.client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(uri)
                .writeConcern(WriteConcern.MAJORITY.withJournal(true))
                .readPreference(ReadPreference.primary())
                .build());
        this.database = client.getDatabase(uri.getDatabase());
        try {
            boolean text = createIndexes();
            var scheduled = database.getCollection("scheduledMessages");
            MongoScheduledMessages.createIndexes(scheduled);
            this.scheduledMessages = new MongoScheduledMessages(scheduled);
            var devices = database.getCollection("devices");
            var preKeys = database.getCollection("devicePreKeys");
            MongoDevices.createIndexes(devices, preKeys);
            var conversations = database.getCollection("conversations");
            var messages = database.getCollection("messages");
            this.stores = new Stores(
                    new MongoUsers(database.getCollection("users")),
                    new MongoConversations(conversations),
                    new MongoMessages(messages, conversations, text),
                    new MongoReadReceipts(messages, database.getCollection("readingStarts")),
                    new MongoAttachments(GridFSBuckets.create(database, "attachments")),
                    new MongoOneTimeTokens(database.getCollection("oneTimeTokens")),
                    new MongoPushSubscriptions(database.getCollection("pushSubscriptions")),
                    new MongoPushQueue(database.getCollection("pushQueue")),
                    new MongoDevices(devices, preKeys));
        } catch (MongoException e) {
            client.close();
            throw new StoreException("MongoDB is not reachable: " + e.getMessage(), e);
        }
    }

    /** Connects to {@code uri} (its path names the database) and makes sure every index exists. */
    public static MongoStores connect(String uri) {
        return new MongoStores(new ConnectionString(uri));
    }

    /** Creates the indexes; returns whether the server accepted the text index (real MongoDB does). */
    private boolean createIndexes() {
        var users = database.getCollection("users");
        users.createIndex(
                Indexes.ascending("usernameKey"),
                new IndexOptions().unique(true).name(MongoUsers.USERNAME_INDEX));
        users.createIndex(
                Indexes.ascending("emailKey"), new IndexOptions().unique(true).name(MongoUsers.EMAIL_INDEX));
        var conversations = database.getCollection("conversations");
        conversations.createIndex(
                Indexes.ascending("directKey"),
                new IndexOptions().unique(true).sparse(true).name(MongoConversations.DIRECT_INDEX));
        conversations.createIndex(
                Indexes.compoundIndex(
                        Indexes.ascending("participantIds"),
                        Indexes.descending("lastActivityAt"),
                        Indexes.descending("_id")),
                new IndexOptions().name("conversations_by_participant_activity"));
        var messages = database.getCollection("messages");
        messages.createIndex(
                Indexes.compoundIndex(Indexes.ascending("conversationId"), Indexes.ascending("seq")),
                new IndexOptions().unique(true).name(MongoMessages.SEQ_INDEX));
        messages.createIndex(
                Indexes.ascending("clientKey"),
                new IndexOptions().unique(true).sparse(true).name(MongoMessages.CLIENT_INDEX));
        messages.createIndex(Indexes.ascending("attachments.id"), new IndexOptions().name("messages_by_attachment"));
        messages.createIndex(Indexes.descending("createdAt", "_id"), new IndexOptions().name("messages_by_time"));
        var pushSubscriptions = database.getCollection("pushSubscriptions");
        pushSubscriptions.createIndex(
                Indexes.ascending("endpoint"),
                new IndexOptions().unique(true).name(MongoPushSubscriptions.ENDPOINT_INDEX));
        pushSubscriptions.createIndex(
                Indexes.ascending("userId", "createdAt"), new IndexOptions().name("push_subscriptions_by_user"));
        database.getCollection("pushQueue")
                .createIndex(Indexes.ascending("notBefore"), new IndexOptions().name("push_queue_by_due"));
        try {
            messages.createIndex(Indexes.text("content"), new IndexOptions().name("messages_text"));
            messages.find(Filters.text("probe")).limit(1).first();
            return true;
        } catch (MongoException noTextSearch) {
            return false;
        }
    }

    /** The store ports, for the core. */
    public Stores stores() {
        return stores;
    }

    /** The scheduled messages, in the same database, shared by every node. */
    public ScheduledMessages scheduledMessages() {
        return scheduledMessages;
    }

    /** Whether the server answers a ping, for the health endpoint. */
    public boolean isHealthy() {
        try {
            database.runCommand(new Document("ping", 1));
            return true;
        } catch (MongoException e) {
            return false;
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
