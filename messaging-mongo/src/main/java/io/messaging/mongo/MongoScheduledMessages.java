package io.messaging.mongo;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lte;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.messaging.core.model.ConversationId;
import io.messaging.core.model.MessageId;
import io.messaging.core.model.MessageType;
import io.messaging.core.model.ScheduledMessage;
import io.messaging.core.model.ScheduledMessageId;
import io.messaging.core.model.ScheduledStatus;
import io.messaging.core.model.UserId;
import io.messaging.core.port.out.ScheduledMessages;
import io.messaging.core.port.out.StoreException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Scheduled messages on MongoDB, shared by every node. A claim is one {@code findOneAndUpdate} per message whose
 * filter requires it to be due and unleased, so of racing nodes exactly one takes each message; the lease is the
 * document's {@code availableAt}, moved to the lease's end.
 */
final class MongoScheduledMessages implements ScheduledMessages {
    private static final String CLIENT_INDEX = "scheduled_client_key";
    private static final String SCHEDULED = ScheduledStatus.SCHEDULED.name();

    private final MongoCollection<Document> scheduled;

    MongoScheduledMessages(MongoCollection<Document> scheduled) {
        this.scheduled = scheduled;
    }

    /** Creates the indexes this store relies on. */
    static void createIndexes(MongoCollection<Document> scheduled) {
        scheduled.createIndex(
                Indexes.ascending("clientKey"),
                new IndexOptions().unique(true).sparse(true).name(CLIENT_INDEX));
        scheduled.createIndex(
                Indexes.ascending("senderId", "sendAt", "_id"), new IndexOptions().name("scheduled_by_sender"));
        scheduled.createIndex(
                Indexes.ascending("status", "availableAt", "_id"), new IndexOptions().name("scheduled_due"));
    }

    private static Optional<String> clientKey(ScheduledMessage message) {
        return message.clientMessageId().map(id -> message.senderId().value() + "\u0000" + id);
    }

    @Override
    public ScheduledMessage insert(ScheduledMessage message) {
        Optional<String> clientKey = clientKey(message);
        if (clientKey.isPresent()) {
            var earlier = findOne(eq("clientKey", clientKey.get()));
            if (earlier.isPresent()) {
                return earlier.get();
            }
        }
        try {
            scheduled.insertOne(document(message, clientKey));
            return message;
        } catch (MongoException e) {
            if (clientKey.isPresent() && Guard.isDuplicateOn(e, CLIENT_INDEX)) {
                return findOne(eq("clientKey", clientKey.get()))
                        .orElseThrow(() -> new StoreException("stored scheduled message vanished"));
            }
            throw new StoreException("MongoDB insert of a scheduled message failed: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<ScheduledMessage> findById(ScheduledMessageId id) {
        return findOne(eq("_id", id.value()));
    }

    @Override
    public List<ScheduledMessage> listBySender(UserId senderId, Set<ScheduledStatus> statuses) {
        return Guard.call(
                "list scheduled messages",
                () -> scheduled
                        .find(and(
                                eq("senderId", senderId.value()),
                                in(
                                        "status",
                                        statuses.stream()
                                                .map(ScheduledStatus::name)
                                                .toList())))
                        .sort(Sorts.ascending("sendAt", "_id"))
                        .map(MongoScheduledMessages::scheduled)
                        .into(new ArrayList<>()));
    }

    @Override
    public Optional<ScheduledMessage> reschedule(ScheduledMessageId id, String content, Instant sendAt) {
        return change(
                id,
                Updates.combine(
                        Updates.set("content", content),
                        Updates.set("sendAt", Docs.date(sendAt)),
                        Updates.set("availableAt", Docs.date(sendAt))));
    }

    @Override
    public Optional<ScheduledMessage> cancel(ScheduledMessageId id) {
        return change(id, Updates.set("status", ScheduledStatus.CANCELLED.name()));
    }

    private Optional<ScheduledMessage> change(ScheduledMessageId id, Bson update) {
        return Guard.call(
                "change scheduled message",
                () -> Optional.ofNullable(scheduled.findOneAndUpdate(
                                and(eq("_id", id.value()), eq("status", SCHEDULED), eq("claimed", false)),
                                update,
                                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)))
                        .map(MongoScheduledMessages::scheduled));
    }

    @Override
    public List<ScheduledMessage> claimDue(Instant now, Instant leaseUntil, int limit) {
        var claimed = new ArrayList<ScheduledMessage>();
        Bson due = and(eq("status", SCHEDULED), lte("availableAt", Docs.date(now)));
        Bson claim = Updates.combine(Updates.set("availableAt", Docs.date(leaseUntil)), Updates.set("claimed", true));
        var options = new FindOneAndUpdateOptions()
                .sort(Sorts.ascending("availableAt", "_id"))
                .returnDocument(ReturnDocument.BEFORE);
        while (claimed.size() < limit) {
            Document taken =
                    Guard.call("claim scheduled message", () -> scheduled.findOneAndUpdate(due, claim, options));
            if (taken == null) {
                break;
            }
            claimed.add(scheduled(taken));
        }
        return claimed;
    }

    @Override
    public Optional<Instant> nextDueAt() {
        return Guard.call(
                "find next due scheduled message",
                () -> Optional.ofNullable(scheduled
                                .find(eq("status", SCHEDULED))
                                .sort(Sorts.ascending("availableAt"))
                                .limit(1)
                                .first())
                        .map(document -> Docs.instant(document, "availableAt")));
    }

    @Override
    public void markSent(ScheduledMessageId id, MessageId messageId) {
        complete(
                id,
                Updates.combine(
                        Updates.set("status", ScheduledStatus.SENT.name()),
                        Updates.set("messageId", messageId.value())));
    }

    @Override
    public void markFailed(ScheduledMessageId id, String failure) {
        complete(
                id,
                Updates.combine(Updates.set("status", ScheduledStatus.FAILED.name()), Updates.set("failure", failure)));
    }

    private void complete(ScheduledMessageId id, Bson update) {
        Guard.run(
                "complete scheduled message",
                () -> scheduled.updateOne(and(eq("_id", id.value()), eq("status", SCHEDULED)), update));
    }

    private Optional<ScheduledMessage> findOne(Bson filter) {
        return Guard.call(
                "find scheduled message",
                () -> Optional.ofNullable(scheduled.find(filter).first()).map(MongoScheduledMessages::scheduled));
    }

    private static Document document(ScheduledMessage message, Optional<String> clientKey) {
        var document = new Document("_id", message.id().value())
                .append("senderId", message.senderId().value())
                .append(
                        "conversationId",
                        message.conversationId().map(ConversationId::value).orElse(null))
                .append("recipientId", message.recipientId().map(UserId::value).orElse(null))
                .append("type", message.type().name())
                .append("content", message.content())
                .append("attachments", Docs.attachments(message.attachments()))
                .append("clientMessageId", message.clientMessageId().orElse(null))
                .append("replyToId", message.replyToId().map(MessageId::value).orElse(null))
                .append("sendAt", Docs.date(message.sendAt()))
                .append("status", message.status().name())
                .append("messageId", message.messageId().map(MessageId::value).orElse(null))
                .append("failure", message.failure().orElse(null))
                .append("createdAt", Docs.date(message.createdAt()))
                .append("availableAt", Docs.date(message.sendAt()))
                .append("claimed", false);
        clientKey.ifPresent(key -> document.append("clientKey", key));
        return document;
    }

    private static ScheduledMessage scheduled(Document document) {
        return new ScheduledMessage(
                ScheduledMessageId.of(document.getString("_id")),
                UserId.of(document.getString("senderId")),
                Docs.optionalText(document, "conversationId").map(ConversationId::of),
                Docs.optionalText(document, "recipientId").map(UserId::of),
                MessageType.valueOf(document.getString("type")),
                document.getString("content"),
                Docs.attachments(document),
                Docs.optionalText(document, "clientMessageId"),
                Docs.optionalText(document, "replyToId").map(MessageId::of),
                Docs.instant(document, "sendAt"),
                ScheduledStatus.valueOf(document.getString("status")),
                Docs.optionalText(document, "messageId").map(MessageId::of),
                Docs.optionalText(document, "failure"),
                Docs.instant(document, "createdAt"));
    }
}
