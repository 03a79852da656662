package io.messaging.mongo;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.or;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.messaging.core.model.Conversation;
import io.messaging.core.model.ConversationId;
import io.messaging.core.model.ConversationType;
import io.messaging.core.model.UserId;
import io.messaging.core.port.out.Conversations;
import io.messaging.core.port.out.StoreException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.bson.Document;
import org.bson.conversions.Bson;

/** The conversation store on MongoDB: participants as an array, a unique key per direct pair. */
final class MongoConversations implements Conversations {
    static final String DIRECT_INDEX = "conversations_direct_key";
    private final MongoCollection<Document> conversations;

    MongoConversations(MongoCollection<Document> conversations) {
        this.conversations = conversations;
    }

    @Override
    public void insert(Conversation conversation) {
        Guard.run("insert conversation", () -> conversations.insertOne(document(conversation, null)));
    }

    @Override
    public Conversation insertDirectIfAbsent(Conversation direct) {
        String key = Conversation.directKey(
                direct.participantIds().get(0), direct.participantIds().get(1));
        try {
            conversations.insertOne(document(direct, key));
            return direct;
        } catch (MongoException e) {
            if (!Guard.isDuplicateOn(e, null)) {
                throw new StoreException("MongoDB insert conversation failed", e);
            }
            return Guard.call(
                            "find direct",
                            () -> Optional.ofNullable(conversations
                                            .find(eq("directKey", key))
                                            .first())
                                    .map(MongoConversations::conversation))
                    .orElseThrow(() -> new StoreException("direct conversation vanished: " + key));
        }
    }

    private static Document document(Conversation conversation, String directKey) {
        var document = new Document("_id", conversation.id().value())
                .append("type", conversation.type().name())
                .append("title", conversation.title().orElse(null))
                .append(
                        "participantIds",
                        conversation.participantIds().stream()
                                .map(UserId::value)
                                .toList())
                .append("createdBy", conversation.createdBy().value())
                .append("createdAt", Docs.date(conversation.createdAt()))
                .append(
                        "lastMessageAt",
                        conversation.lastMessageAt().map(Docs::date).orElse(null))
                .append("lastActivityAt", Docs.date(conversation.lastActivityAt()))
                .append("encrypted", conversation.encrypted());
        if (directKey != null) {
            document.append("directKey", directKey);
        }
        return document;
    }

    static Conversation conversation(Document document) {
        List<UserId> participants = document.getList("participantIds", String.class).stream()
                .map(UserId::of)
                .toList();
        return new Conversation(
                ConversationId.of(document.getString("_id")),
                ConversationType.valueOf(document.getString("type").toUpperCase(Locale.ROOT)),
                Docs.optionalText(document, "title"),
                participants,
                UserId.of(document.getString("createdBy")),
                Docs.instant(document, "createdAt"),
                Docs.optionalInstant(document, "lastMessageAt"),
                document.getBoolean("encrypted", false));
    }

    @Override
    public Optional<Conversation> findById(ConversationId id) {
        return Guard.call(
                "find conversation",
                () -> Optional.ofNullable(
                                conversations.find(eq("_id", id.value())).first())
                        .map(MongoConversations::conversation));
    }

    @Override
    public Optional<Conversation> findDirect(UserId first, UserId second) {
        return Guard.call(
                "find direct",
                () -> Optional.ofNullable(conversations
                                .find(eq("directKey", Conversation.directKey(first, second)))
                                .first())
                        .map(MongoConversations::conversation));
    }

    @Override
    public List<Conversation> listForUser(UserId userId, int limit, Optional<ActivityCursor> after) {
        Bson filter = eq("participantIds", userId.value());
        if (after.isPresent()) {
            var at = Docs.date(after.get().lastActivityAt());
            filter = and(
                    filter,
                    or(
                            lt("lastActivityAt", at),
                            and(
                                    eq("lastActivityAt", at),
                                    lt("_id", after.get().id().value()))));
        }
        Bson query = filter;
        return Guard.call(
                "list conversations",
                () -> conversations
                        .find(query)
                        .sort(Sorts.descending("lastActivityAt", "_id"))
                        .limit(limit)
                        .map(MongoConversations::conversation)
                        .into(new ArrayList<>()));
    }

    @Override
    public List<ConversationId> idsForUser(UserId userId) {
        return Guard.call(
                "list conversation ids",
                () -> conversations
                        .find(eq("participantIds", userId.value()))
                        .projection(Projections.include("_id"))
                        .map(document -> ConversationId.of(document.getString("_id")))
                        .into(new ArrayList<>()));
    }

    @Override
    public Set<UserId> contactsOf(UserId userId) {
        var contacts = new HashSet<UserId>();
        Guard.run(
                "find contacts",
                () -> conversations
                        .find(eq("participantIds", userId.value()))
                        .projection(Projections.include("participantIds"))
                        .forEach(document -> document.getList("participantIds", String.class)
                                .forEach(id -> contacts.add(UserId.of(id)))));
        contacts.remove(userId);
        return Set.copyOf(contacts);
    }

    @Override
    public Optional<Conversation> addParticipants(ConversationId id, Collection<UserId> userIds) {
        return update(
                id,
                Updates.addEachToSet(
                        "participantIds", userIds.stream().map(UserId::value).toList()));
    }

    @Override
    public Optional<Conversation> removeParticipant(ConversationId id, UserId userId) {
        return update(id, Updates.pull("participantIds", userId.value()));
    }

    @Override
    public Optional<Conversation> encrypt(ConversationId id) {
        return update(id, Updates.set("encrypted", true));
    }

    private Optional<Conversation> update(ConversationId id, Bson change) {
        return Guard.call(
                "update participants",
                () -> Optional.ofNullable(conversations.findOneAndUpdate(
                                eq("_id", id.value()),
                                change,
                                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)))
                        .map(MongoConversations::conversation));
    }
}
