package io.messaging.mongo;

import io.messaging.core.model.Attachment;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;

/**
 * A message as a document of the {@code messages} collection and back: its receipts ({@code readBy}) and reactions
 * embedded, a deleted message read without its attachments, voice note and envelopes.
 */
final class MessageDocuments {
    private MessageDocuments() {}

    static Document document(NewMessage message, long seq, Optional<String> clientKey) {
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

    static Message message(Document document) {
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
}
