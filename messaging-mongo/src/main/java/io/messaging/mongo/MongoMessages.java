package io.messaging.mongo;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.lte;
import static com.mongodb.client.model.Filters.ne;
import static com.mongodb.client.model.Filters.or;
import static com.mongodb.client.model.Filters.regex;
import static com.mongodb.client.model.Filters.text;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.messaging.core.model.Attachment;
import io.messaging.core.model.AttachmentId;
import io.messaging.core.model.ConversationId;
import io.messaging.core.model.Envelope;
import io.messaging.core.model.Message;
import io.messaging.core.model.MessageId;
import io.messaging.core.model.MessageType;
import io.messaging.core.model.NewMessage;
import io.messaging.core.model.ReadReceipt;
import io.messaging.core.model.ScheduledMessageId;
import io.messaging.core.model.UserId;
import io.messaging.core.model.VoiceNote;
import io.messaging.core.port.out.Messages;
import io.messaging.core.port.out.ReadReceipts;
import io.messaging.core.port.out.StoreException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bson.Document;
import org.bson.conversions.Bson;

// Over 300 lines because it maps both Messages and ReadReceipts onto the one messages collection, whose documents hold
// both.
/**
 * Messages with embedded receipts and reactions on MongoDB. {@code seq} comes from the unique
 * (conversationId, seq) index: read the highest, insert the next, retry on a duplicate, so several nodes can write
 * one conversation and no number is skipped.
 */
final class MongoMessages implements Messages, ReadReceipts {
    static final String SEQ_INDEX = "messages_conversation_seq";
    static final String CLIENT_INDEX = "messages_client_key";
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");
    private static final int MAX_SEQ_RETRIES = 1000;

    private final MongoCollection<Document> messages;
    private final MongoCollection<Document> conversations;
    private final MongoCollection<Document> readingStarts;
    /** Whether to use the text index; turned off for good when the server turns out to have no text search. */
    private volatile boolean textSearch;

    MongoMessages(
            MongoCollection<Document> messages,
            MongoCollection<Document> conversations,
            MongoCollection<Document> readingStarts,
            boolean textIndex) {
        this.messages = messages;
        this.conversations = conversations;
        this.readingStarts = readingStarts;
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
                messages.insertOne(document(message, seq, clientKey));
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

    private static Document document(NewMessage message, long seq, Optional<String> clientKey) {
        var document = new Document("_id", message.id().value())
                .append("conversationId", message.conversationId().value())
                .append("seq", seq)
                .append("senderId", message.senderId().value())
                .append("recipientId", message.recipientId().map(UserId::value).orElse(null))
                .append("type", message.type().name())
                .append("content", message.storedContent().orElse(null))
                .append("attachments", Docs.attachments(message.attachments()))
                .append("clientMessageId", message.clientMessageId().orElse(null))
                .append("replyToId", message.replyToId().map(MessageId::value).orElse(null))
                .append("createdAt", Docs.date(message.createdAt()))
                .append("editedAt", null)
                .append("deleted", false)
                .append("deletedAt", null)
                .append("reactions", List.of())
                .append("readBy", List.of())
                .append(
                        "scheduledMessageId",
                        message.scheduledMessageId()
                                .map(ScheduledMessageId::value)
                                .orElse(null));
        message.voice()
                .ifPresent(voice -> document.append(
                        "voice", new Document("durationMs", voice.durationMs()).append("waveform", voice.waveform())));
        if (!message.envelopes().isEmpty()) {
            var envelopes = new ArrayList<Document>();
            message.envelopes()
                    .forEach((deviceId, envelope) -> envelopes.add(new Document("deviceId", deviceId)
                            .append("type", envelope.type().wireName())
                            .append("body", envelope.body())));
            document.append("envelopes", envelopes);
        }
        clientKey.ifPresent(key -> document.append("clientKey", key));
        return document;
    }

    private static Map<String, Envelope> envelopes(Document document) {
        var envelopes = new HashMap<String, Envelope>();
        for (Document envelope : document.getList("envelopes", Document.class, List.of())) {
            envelopes.put(
                    envelope.getString("deviceId"),
                    new Envelope(
                            Envelope.Kind.fromWire(envelope.getString("type")).orElseThrow(),
                            envelope.getString("body")));
        }
        return envelopes;
    }

    private static Message message(Document document) {
        boolean deleted = document.getBoolean("deleted", false);
        List<Attachment> attachments = deleted ? List.of() : Docs.attachments(document);
        var readBy = new ArrayList<ReadReceipt>();
        for (Document receipt : document.getList("readBy", Document.class, List.of())) {
            readBy.add(new ReadReceipt(UserId.of(receipt.getString("userId")), Docs.instant(receipt, "readAt")));
        }
        var reactions = new LinkedHashMap<String, List<UserId>>();
        for (Document reaction : document.getList("reactions", Document.class, List.of())) {
            reactions
                    .computeIfAbsent(reaction.getString("emoji"), emoji -> new ArrayList<>())
                    .add(UserId.of(reaction.getString("userId")));
        }
        return new Message(
                MessageId.of(document.getString("_id")),
                ConversationId.of(document.getString("conversationId")),
                document.get("seq", Number.class).longValue(),
                UserId.of(document.getString("senderId")),
                Docs.optionalText(document, "recipientId").map(UserId::of),
                MessageType.valueOf(document.getString("type").toUpperCase(Locale.ROOT)),
                Docs.optionalText(document, "content"),
                attachments,
                Docs.optionalText(document, "clientMessageId"),
                Docs.optionalText(document, "replyToId").map(MessageId::of),
                Docs.instant(document, "createdAt"),
                Docs.optionalInstant(document, "editedAt"),
                deleted,
                Docs.optionalInstant(document, "deletedAt"),
                readBy,
                reactions,
                deleted ? Optional.empty() : voice(document),
                Docs.optionalText(document, "scheduledMessageId").map(ScheduledMessageId::of),
                deleted ? Map.of() : envelopes(document));
    }

    private static Optional<VoiceNote> voice(Document document) {
        Document voice = document.get("voice", Document.class);
        if (voice == null) {
            return Optional.empty();
        }
        var waveform = voice.getList("waveform", Number.class, List.of()).stream()
                .map(Number::doubleValue)
                .toList();
        return Optional.of(new VoiceNote(voice.get("durationMs", Number.class).longValue(), waveform));
    }

    private Optional<Message> findOne(Bson filter) {
        return Guard.call(
                "find message",
                () -> Optional.ofNullable(messages.find(filter).first()).map(MongoMessages::message));
    }

    private List<Message> findMany(Bson filter, Bson sort, int limit) {
        return Guard.call(
                "find messages",
                () -> messages.find(filter)
                        .sort(sort)
                        .limit(limit)
                        .map(MongoMessages::message)
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
                        .map(MongoMessages::message)
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
        var candidates = findMany(
                and(
                        unread(conversationId, readerId),
                        in(
                                "_id",
                                messageIds.stream()
                                        .map(MessageId::value)
                                        .distinct()
                                        .toList())),
                Sorts.ascending("seq"),
                messageIds.size());
        return receive(conversationId, readerId, candidates, readAt);
    }

    @Override
    public List<MessageId> markReadUpTo(ConversationId conversationId, UserId readerId, long upToSeq, Instant readAt) {
        var candidates =
                findMany(and(unread(conversationId, readerId), lte("seq", upToSeq)), Sorts.ascending("seq"), 0);
        var newlyRead = receive(conversationId, readerId, candidates, readAt);
        long highest = listBefore(conversationId, Long.MAX_VALUE, 1).stream()
                .mapToLong(Message::seq)
                .findFirst()
                .orElse(0);
        startReadingAfter(conversationId, readerId, Math.min(upToSeq, highest));
        return newlyRead;
    }

    /** Adds the receipt to each candidate that is still unread (the condition makes a racing reader a no-op). */
    private List<MessageId> receive(
            ConversationId conversationId, UserId readerId, List<Message> candidates, Instant readAt) {
        var newlyRead = new ArrayList<MessageId>();
        var receipt = new Document("userId", readerId.value()).append("readAt", Docs.date(readAt));
        for (Message candidate : candidates) {
            long modified = Guard.call(
                    "mark read",
                    () -> messages.updateOne(
                                    and(
                                            eq("_id", candidate.id().value()),
                                            eq("conversationId", conversationId.value()),
                                            ne("readBy.userId", readerId.value())),
                                    Updates.push("readBy", receipt))
                            .getModifiedCount());
            if (modified == 1) {
                newlyRead.add(candidate.id());
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
