package io.messaging.mongo;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lte;
import static com.mongodb.client.model.Filters.ne;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.messaging.core.model.ConversationId;
import io.messaging.core.model.MessageId;
import io.messaging.core.model.UserId;
import io.messaging.core.port.out.ReadReceipts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Read receipts on MongoDB: embedded in the message documents they are for ({@code readBy}), and a reading start per
 * reader and conversation ({@code readingStarts}) below which nothing counts as unread.
 */
final class MongoReadReceipts implements ReadReceipts {
    private final MongoCollection<Document> messages;
    private final MongoCollection<Document> readingStarts;

    MongoReadReceipts(MongoCollection<Document> messages, MongoCollection<Document> readingStarts) {
        this.messages = messages;
        this.readingStarts = readingStarts;
    }

    /** The ids of the messages the filter matches, by seq, at most {@code limit} (0: all). */
    private List<MessageId> unreadIds(Bson filter, int limit) {
        return Guard.call(
                "find unread",
                () -> messages.find(filter)
                        .sort(Sorts.ascending("seq"))
                        .limit(limit)
                        .map(document -> MessageId.of(document.getString("_id")))
                        .into(new ArrayList<>()));
    }

    private long highestSeq(ConversationId conversationId) {
        Document last = Guard.call(
                "read last seq",
                () -> messages.find(eq("conversationId", conversationId.value()))
                        .sort(Sorts.descending("seq"))
                        .limit(1)
                        .first());
        return last == null ? 0 : last.get("seq", Number.class).longValue();
    }

    private long readingStart(ConversationId conversationId, UserId userId) {
        Document start = Guard.call(
                "read start",
                () -> readingStarts
                        .find(eq("_id", conversationId.value() + ":" + userId.value()))
                        .first());
        return start == null ? 0 : start.get("seq", Number.class).longValue();
    }

    private Bson unread(ConversationId conversationId, UserId readerId) {
        return and(
                eq("conversationId", conversationId.value()),
                gt("seq", readingStart(conversationId, readerId)),
                ne("senderId", readerId.value()),
                eq("deleted", false),
                ne("readBy.userId", readerId.value()));
    }

    @Override
    public List<MessageId> markRead(
            ConversationId conversationId, UserId readerId, Collection<MessageId> messageIds, Instant readAt) {
        if (messageIds.isEmpty()) {
            return List.of();
        }
        var candidates = unreadIds(
                and(
                        unread(conversationId, readerId),
                        in(
                                "_id",
                                messageIds.stream()
                                        .map(MessageId::value)
                                        .distinct()
                                        .toList())),
                messageIds.size());
        return receive(conversationId, readerId, candidates, readAt);
    }

    @Override
    public List<MessageId> markReadUpTo(ConversationId conversationId, UserId readerId, long upToSeq, Instant readAt) {
        var candidates = unreadIds(and(unread(conversationId, readerId), lte("seq", upToSeq)), 0);
        var newlyRead = receive(conversationId, readerId, candidates, readAt);
        long highest = highestSeq(conversationId);
        startReadingAfter(conversationId, readerId, Math.min(upToSeq, highest));
        return newlyRead;
    }

    /** Adds the receipt to each candidate that is still unread (the condition makes a racing reader a no-op). */
    private List<MessageId> receive(
            ConversationId conversationId, UserId readerId, List<MessageId> candidates, Instant readAt) {
        var newlyRead = new ArrayList<MessageId>();
        var receipt = new Document("userId", readerId.value()).append("readAt", Docs.date(readAt));
        for (MessageId candidate : candidates) {
            long modified = Guard.call(
                    "mark read",
                    () -> messages.updateOne(
                                    and(
                                            eq("_id", candidate.value()),
                                            eq("conversationId", conversationId.value()),
                                            ne("readBy.userId", readerId.value())),
                                    Updates.push("readBy", receipt))
                            .getModifiedCount());
            if (modified == 1) {
                newlyRead.add(candidate);
            }
        }
        return newlyRead;
    }

    @Override
    public void startReadingAfter(ConversationId conversationId, UserId userId, long seq) {
        Guard.run(
                "start reading",
                () -> readingStarts.updateOne(
                        eq("_id", conversationId.value() + ":" + userId.value()),
                        Updates.max("seq", seq),
                        new UpdateOptions().upsert(true)));
    }

    @Override
    public Map<ConversationId, Long> unreadCounts(UserId userId, Collection<ConversationId> conversationIds) {
        var counts = new HashMap<ConversationId, Long>();
        for (ConversationId id : conversationIds) {
            counts.put(id, Guard.call("count unread", () -> messages.countDocuments(unread(id, userId))));
        }
        return counts;
    }
}
