package io.messaging.wire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.messaging.core.model.Attachment;
import io.messaging.core.model.AttachmentMeta;
import io.messaging.core.model.Conversation;
import io.messaging.core.model.ConversationId;
import io.messaging.core.model.ConversationSummary;
import io.messaging.core.model.Device;
import io.messaging.core.model.DeviceId;
import io.messaging.core.model.Envelope;
import io.messaging.core.model.ErrorCode;
import io.messaging.core.model.Message;
import io.messaging.core.model.MessageId;
import io.messaging.core.model.Page;
import io.messaging.core.model.PreKeyBundle;
import io.messaging.core.model.ReadReceipt;
import io.messaging.core.model.ReadResult;
import io.messaging.core.model.ScheduledMessage;
import io.messaging.core.model.ScheduledMessageId;
import io.messaging.core.model.SignedPreKey;
import io.messaging.core.model.UnreadCounts;
import io.messaging.core.model.User;
import io.messaging.core.model.UserId;
import io.messaging.core.model.VoiceNote;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import java.util.function.Function;

/**
 * The JSON shapes of the wire contract, built from domain values. Absent optional fields are written as
 * {@code null}, so every object of a kind has the same keys; timestamps are ISO-8601 UTC with milliseconds.
 */
public final class WireJson {
    /** The one mapper both adapters use; thread-safe once configured. */
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private WireJson() {}

    /** An instant as the wire writes it: {@code 2026-11-24T09:00:00.000Z} (see {@link Timestamps}). */
    public static String timestamp(Instant instant) {
        return Timestamps.write(instant);
    }

    /** The URL at which an attachment is downloaded. */
    public static String attachmentUrl(String attachmentId) {
        return "/api/attachments/" + attachmentId;
    }

    /** A user; the email only when the viewer is that user. */
    public static ObjectNode user(User user, boolean self) {
        ObjectNode node = MAPPER.createObjectNode().put("id", user.id().value()).put("username", user.username());
        if (self) {
            node.put("email", user.email());
        }
        node.put("displayName", user.displayName())
                .put("active", user.active())
                .put("createdAt", timestamp(user.createdAt()));
        putInstant(node, "lastSeenAt", user.lastSeenAt());
        return node;
    }

    /** A message with its receipts and reactions, as a reader that names no device sees it (no envelope). */
    public static ObjectNode message(Message message) {
        return message(message, Optional.empty());
    }

    /**
     * A message as the reader's device sees it: an encrypted message carries that device's envelope alone
     * ({@code envelope}, null when there is none for it), never the others'.
     */
    public static ObjectNode message(Message message, Optional<DeviceId> device) {
        ObjectNode node = MAPPER.createObjectNode()
                .put("id", message.id().value())
                .put("conversationId", message.conversationId().value())
                .put("seq", message.seq())
                .put("senderId", message.senderId().value());
        putText(node, "recipientId", message.recipientId().map(UserId::value));
        node.put("type", message.type().wireName());
        putText(node, "content", message.content());
        ArrayNode attachments = node.putArray("attachments");
        message.attachments().forEach(attachment -> attachments.add(attachment(attachment)));
        putText(node, "clientMessageId", message.clientMessageId());
        putText(node, "replyToId", message.replyToId().map(id -> id.value()));
        node.put("createdAt", timestamp(message.createdAt()));
        putInstant(node, "editedAt", message.editedAt());
        node.put("deleted", message.deleted());
        putInstant(node, "deletedAt", message.deletedAt());
        ArrayNode readBy = node.putArray("readBy");
        for (ReadReceipt receipt : message.readBy()) {
            readBy.addObject().put("userId", receipt.userId().value()).put("readAt", timestamp(receipt.readAt()));
        }
        ObjectNode reactions = node.putObject("reactions");
        message.reactions().forEach((emoji, users) -> {
            ArrayNode ids = reactions.putArray(emoji);
            users.forEach(id -> ids.add(id.value()));
        });
        node.set("voice", message.voice().<JsonNode>map(WireJson::voice).orElse(MAPPER.nullNode()));
        putText(node, "scheduledMessageId", message.scheduledMessageId().map(ScheduledMessageId::value));
        node.set(
                "envelope",
                message.envelopeFor(device).<JsonNode>map(WireJson::envelope).orElse(MAPPER.nullNode()));
        return node;
    }

    /** One device's envelope: {@code {type, body}}. */
    public static ObjectNode envelope(Envelope envelope) {
        return MAPPER.createObjectNode().put("type", envelope.type().wireName()).put("body", envelope.body());
    }

    /** A device of the key directory: {@code {deviceId, userId, name, identityKey, signedPreKey, createdAt}}. */
    public static ObjectNode device(Device device) {
        ObjectNode node = MAPPER.createObjectNode()
                .put("deviceId", device.deviceId().value())
                .put("userId", device.userId().value())
                .put("name", device.name())
                .put("identityKey", device.identityKey());
        node.set("signedPreKey", signedPreKey(device.signedPreKey()));
        node.put("createdAt", timestamp(device.createdAt()));
        return node;
    }

    /** What a claim hands out: {@code {deviceId, userId, identityKey, signedPreKey, oneTimePreKey}}. */
    public static ObjectNode preKeyBundle(PreKeyBundle bundle) {
        Device device = bundle.device();
        ObjectNode node = MAPPER.createObjectNode()
                .put("deviceId", device.deviceId().value())
                .put("userId", device.userId().value())
                .put("identityKey", device.identityKey());
        node.set("signedPreKey", signedPreKey(device.signedPreKey()));
        node.set(
                "oneTimePreKey",
                bundle.oneTimePreKey()
                        .<JsonNode>map(key -> MAPPER.createObjectNode()
                                .put("keyId", key.keyId())
                                .put("publicKey", key.publicKey()))
                        .orElse(MAPPER.nullNode()));
        return node;
    }

    private static ObjectNode signedPreKey(SignedPreKey key) {
        return MAPPER.createObjectNode()
                .put("keyId", key.keyId())
                .put("publicKey", key.publicKey())
                .put("signature", key.signature());
    }

    /** A voice note: {@code {durationMs, waveform:[...]}}. */
    public static ObjectNode voice(VoiceNote voice) {
        ObjectNode node = MAPPER.createObjectNode().put("durationMs", voice.durationMs());
        ArrayNode waveform = node.putArray("waveform");
        voice.waveform().forEach(waveform::add);
        return node;
    }

    /** A scheduled message, as its author sees it. */
    public static ObjectNode scheduledMessage(ScheduledMessage scheduled) {
        ObjectNode node = MAPPER.createObjectNode().put("id", scheduled.id().value());
        putText(node, "conversationId", scheduled.conversationId().map(ConversationId::value));
        putText(node, "recipientId", scheduled.recipientId().map(UserId::value));
        node.put("type", scheduled.type().wireName()).put("content", scheduled.content());
        ArrayNode attachments = node.putArray("attachments");
        scheduled.attachments().forEach(attachment -> attachments.add(attachment(attachment)));
        putText(node, "clientMessageId", scheduled.clientMessageId());
        putText(node, "replyToId", scheduled.replyToId().map(MessageId::value));
        node.put("sendAt", timestamp(scheduled.sendAt()))
                .put("status", scheduled.status().wireName());
        putText(node, "messageId", scheduled.messageId().map(MessageId::value));
        putText(node, "failure", scheduled.failure());
        node.put("createdAt", timestamp(scheduled.createdAt()));
        return node;
    }

    /** An attachment as a message refers to it. */
    public static ObjectNode attachment(Attachment attachment) {
        ObjectNode node = MAPPER.createObjectNode()
                .put("id", attachment.id().value())
                .put("contentType", attachment.contentType())
                .put("size", attachment.size())
                .put("url", attachmentUrl(attachment.id().value()));
        putText(node, "name", attachment.name());
        return node;
    }

    /** An uploaded attachment, as the upload answers it. */
    public static ObjectNode uploaded(AttachmentMeta meta) {
        return MAPPER.createObjectNode()
                .put("id", meta.id().value())
                .put("contentType", meta.contentType())
                .put("size", meta.size())
                .put("url", attachmentUrl(meta.id().value()));
    }

    /** A conversation. */
    public static ObjectNode conversation(Conversation conversation) {
        ObjectNode node = MAPPER.createObjectNode()
                .put("id", conversation.id().value())
                .put("type", conversation.type().wireName());
        putText(node, "title", conversation.title());
        ArrayNode participants = node.putArray("participantIds");
        conversation.participantIds().forEach(id -> participants.add(id.value()));
        node.put("createdBy", conversation.createdBy().value()).put("createdAt", timestamp(conversation.createdAt()));
        putInstant(node, "lastMessageAt", conversation.lastMessageAt());
        node.put("encrypted", conversation.encrypted());
        return node;
    }

    /** A conversation as a list shows it (an encrypted last message with no envelope: a list never decrypts). */
    public static ObjectNode summary(ConversationSummary summary) {
        ObjectNode node = conversation(summary.conversation());
        node.set(
                "lastMessage",
                summary.lastMessage().<JsonNode>map(WireJson::message).orElse(MAPPER.nullNode()));
        node.put("unreadCount", summary.unreadCount());
        return node;
    }

    /** {@code {items:[...], nextCursor}}. */
    public static <T> ObjectNode page(Page<T> page, Function<T, ? extends JsonNode> item) {
        return items(page.items(), item).put("nextCursor", page.nextCursor().orElse(null));
    }

    /** {@code {items:[...]}}. */
    public static <T> ObjectNode items(Collection<T> items, Function<T, ? extends JsonNode> item) {
        ObjectNode node = MAPPER.createObjectNode();
        ArrayNode array = node.putArray("items");
        items.forEach(value -> array.add(item.apply(value)));
        return node;
    }

    /** A user's unread counts: {@code {total, conversations:{id:n}}}. */
    public static ObjectNode unreadCounts(UnreadCounts counts) {
        ObjectNode node = MAPPER.createObjectNode().put("total", counts.total());
        ObjectNode perConversation = node.putObject("conversations");
        counts.perConversation().forEach((id, count) -> perConversation.put(id.value(), count));
        return node;
    }

    /** What a mark-as-read changed: {@code {conversationId, updated}}. */
    public static ObjectNode readResult(ReadResult result) {
        return MAPPER.createObjectNode()
                .put("conversationId", result.conversationId().value())
                .put("updated", result.updated());
    }

    /** A successful acknowledgement, {@code {ok:true}}, to which fields are added. */
    public static ObjectNode okAck() {
        return MAPPER.createObjectNode().put("ok", true);
    }

    /** A failed acknowledgement: {@code {ok:false, error:{code, message}}}. */
    public static ObjectNode errorAck(ErrorCode code, String message) {
        return errorAck(code.wireCode(), message);
    }

    /** A failed acknowledgement with a code of the real-time layer's own ({@code unknown_event}, ...). */
    public static ObjectNode errorAck(String code, String message) {
        ObjectNode node = MAPPER.createObjectNode().put("ok", false);
        node.putObject("error").put("code", code).put("message", message);
        return node;
    }

    /** The node as compact JSON text. */
    public static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree always serializes", e);
        }
    }

    private static void putText(ObjectNode node, String field, Optional<String> value) {
        if (value.isPresent()) {
            node.put(field, value.get());
        } else {
            node.putNull(field);
        }
    }

    private static void putInstant(ObjectNode node, String field, Optional<Instant> value) {
        putText(node, field, value.map(WireJson::timestamp));
    }
}
