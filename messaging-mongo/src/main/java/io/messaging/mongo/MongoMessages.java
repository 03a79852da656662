package io.messaging.mongo;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.or;
import static com.mongodb.client.model.Filters.regex;
import static com.mongodb.client.model.Filters.text;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.messaging.core.model.AttachmentId;
import io.messaging.core.model.ConversationId;
import io.messaging.core.model.Message;
import io.messaging.core.model.MessageId;
import io.messaging.core.model.NewMessage;
import io.messaging.core.model.UserId;
import io.messaging.core.port.out.Messages;
import io.messaging.core.port.out.StoreException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Messages with embedded reactions on MongoDB (their receipts are {@link MongoReadReceipts}'s). {@code seq} comes from the unique
 * (conversationId, seq) index: read the highest, insert the next, retry on a duplicate, so several nodes can write
 * one conversation and no number is skipped.
 */
final class MongoMessages implements Messages {
    static final String SEQ_INDEX = "messages_conversation_seq";
    static final String CLIENT_INDEX = "messages_client_key";
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");
    private static final int MAX_SEQ_RETRIES = 1000;

    private final MongoCollection<Document> messages;
    private final MongoCollection<Document> conversations;
    /** Whether to use the text index; turned off for good when the server turns out to have no text search. */
    private volatile boolean textSearch;

    MongoMessages(MongoCollection<Document> messages, MongoCollection<Document> conversations, boolean textIndex) {
        this.messages = messages;
        this.conversations = conversations;
        this.textSearch = textIndex;
    }

    private static String clientKey(UserId sender, String clientMessageId) {
        return sender.value() + "\u0000" + clientMessageId;
    }

    @Override
    public AppendOutcome append(NewMessage message) {
        Optional<String> clientKey = message.clientMessageId().map(id -> clientKey(message.senderId(), id));
        if (clientKey.isPresent()) {
            var existing = findOne(eq("clientKey", clientKey.get()));
            if (existing.isPresent()) {
                return new AppendOutcome.AlreadyStored(existing.get());
            }
        }
        for (int attempt = 0; attempt < MAX_SEQ_RETRIES; attempt++) {
            Document last = Guard.call(
                    "read last seq",
                    () -> messages.find(eq(
                                    "conversationId", message.conversationId().value()))
                            .sort(Sorts.descending("seq"))
                            .limit(1)
                            .first());
            long seq = last == null ? 1 : last.getLong("seq") + 1;
            try {
                messages.insertOne(MessageDocuments.document(message, seq, clientKey));
            } catch (MongoException e) {
                if (clientKey.isPresent() && Guard.isDuplicateOn(e, CLIENT_INDEX)) {
                    return new AppendOutcome.AlreadyStored(findOne(eq("clientKey", clientKey.get()))
                            .orElseThrow(() -> new StoreException("stored message vanished")));
                }
                if (Guard.isDuplicateOn(e, null)) {
                    var byClient = clientKey.flatMap(key -> findOne(eq("clientKey", key)));
                    if (byClient.isPresent()) {
                        return new AppendOutcome.AlreadyStored(byClient.get());
                    }
                    continue;
                }
                throw new StoreException("MongoDB append failed: " + e.getMessage(), e);
            }
            var at = Docs.date(message.createdAt());
            Guard.run(
                    "touch conversation",
                    () -> conversations.updateOne(
                            eq("_id", message.conversationId().value()),
                            Updates.combine(Updates.max("lastMessageAt", at), Updates.max("lastActivityAt", at))));
            return new AppendOutcome.Appended(message.toMessage(seq));
        }
        throw new StoreException("could not assign a seq in " + message.conversationId() + " after retries");
    }

    private Optional<Message> findOne(Bson filter) {
        return Guard.call(
                "find message",
                () -> Optional.ofNullable(messages.find(filter).first()).map(MessageDocuments::message));
    }

    private List<Message> findMany(Bson filter, Bson sort, int limit) {
        return Guard.call(
                "find messages",
                () -> messages.find(filter)
                        .sort(sort)
                        .limit(limit)
                        .map(MessageDocuments::message)
                        .into(new ArrayList<>()));
    }

    @Override
    public Optional<Message> findById(MessageId id) {
        return findOne(eq("_id", id.value()));
    }

    @Override
    public List<Message> listBefore(ConversationId conversationId, long beforeSeq, int limit) {
        return findMany(
                and(eq("conversationId", conversationId.value()), lt("seq", beforeSeq)),
                Sorts.descending("seq"),
                limit);
    }

    @Override
    public List<Message> listAfter(ConversationId conversationId, long afterSeq, int limit) {
        return findMany(
                and(eq("conversationId", conversationId.value()), gt("seq", afterSeq)), Sorts.ascending("seq"), limit);
    }

    @Override
    public Map<ConversationId, Message> latestOf(Collection<ConversationId> conversationIds) {
        var latest = new HashMap<ConversationId, Message>();
        for (ConversationId id : conversationIds) {
            listBefore(id, Long.MAX_VALUE, 1).forEach(message -> latest.put(id, message));
        }
        return latest;
    }

    @Override
    public Optional<Message> edit(MessageId id, String content, Instant editedAt) {
        return update(
                eq("_id", id.value()),
                Updates.combine(Updates.set("content", content), Updates.set("editedAt", Docs.date(editedAt))),
                id);
    }

    @Override
    public Optional<Message> softDelete(MessageId id, Instant deletedAt) {
        return update(
                and(eq("_id", id.value()), eq("deleted", false)),
                Updates.combine(
                        Updates.set("deleted", true),
                        Updates.set("content", null),
                        Updates.set("deletedAt", Docs.date(deletedAt)),
                        Updates.set("reactions", List.of()),
                        Updates.unset("voice"),
                        Updates.unset("envelopes")),
                id);
    }

    @Override
    public Optional<Message> setReaction(MessageId id, String emoji, UserId userId, boolean present) {
        var reaction = new Document("emoji", emoji).append("userId", userId.value());
        return update(
                and(eq("_id", id.value()), eq("deleted", false)),
                present ? Updates.addToSet("reactions", reaction) : Updates.pull("reactions", reaction),
                id);
    }

    private Optional<Message> update(Bson filter, Bson change, MessageId id) {
        Guard.run("update message", () -> messages.updateOne(filter, change));
        return findById(id);
    }

    @Override
    public List<Message> search(
            Collection<ConversationId> conversationIds, String query, int limit, Optional<SearchCursor> after) {
        var words = new ArrayList<String>();
        Matcher matcher = WORD.matcher(query);
        while (matcher.find() && words.size() < 16) {
            words.add(matcher.group());
        }
        if (words.isEmpty() || conversationIds.isEmpty()) {
            return List.of();
        }
        if (textSearch) {
            try {
                return messages.find(searchFilter(conversationIds, words, after, true))
                        .sort(Sorts.descending("createdAt", "_id"))
                        .limit(limit)
                        .map(MessageDocuments::message)
                        .into(new ArrayList<>());
            } catch (MongoException noTextSearch) {
                textSearch = false;
            }
        }
        return findMany(
                searchFilter(conversationIds, words, after, false), Sorts.descending("createdAt", "_id"), limit);
    }

    /** All words required: through the text index, or as case-insensitive literal patterns where there is none. */
    private static Bson searchFilter(
            Collection<ConversationId> conversationIds,
            List<String> words,
            Optional<SearchCursor> after,
            boolean useTextIndex) {
        var filters = new ArrayList<Bson>();
        filters.add(in(
                "conversationId",
                conversationIds.stream().map(ConversationId::value).toList()));
        filters.add(eq("deleted", false));
        if (useTextIndex) {
            filters.add(text(String.join(
                    " ", words.stream().map(word -> "\"" + word + "\"").toList())));
        } else {
            words.forEach(word -> filters.add(regex(
                    "content", Pattern.compile(Pattern.quote(word), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE))));
        }
        after.ifPresent(cursor -> {
            var at = Docs.date(cursor.createdAt());
            filters.add(or(
                    lt("createdAt", at),
                    and(eq("createdAt", at), lt("_id", cursor.id().value()))));
        });
        return and(filters);
    }

    @Override
    public Set<ConversationId> conversationsReferencing(AttachmentId attachmentId) {
        var found = new HashSet<ConversationId>();
        Guard.run(
                "find attachment references",
                () -> messages.find(eq("attachments.id", attachmentId.value()))
                        .forEach(document -> found.add(ConversationId.of(document.getString("conversationId")))));
        return found;
    }
}
