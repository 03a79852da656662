package io.messaging.wire;

import com.fasterxml.jackson.databind.JsonNode;
import io.messaging.core.model.Attachment;
import io.messaging.core.model.AttachmentId;
import io.messaging.core.model.Envelope;
import io.messaging.core.model.MessageType;
import io.messaging.core.model.Outcome;
import io.messaging.core.model.UserId;
import io.messaging.core.model.VoiceNote;
import io.messaging.core.port.in.SendMessage;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The body shared by {@code POST /api/messages} and the {@code send_message} event:
 * {@code {recipientId | conversationId, content, type?, attachments?:[{id, name?}], clientMessageId?, replyToId?,
 * voice?:{durationMs, waveform}, envelopes?:{<deviceId>:{type, body}}}}; {@code envelopes} is for {@code type:"encrypted"},
 * whose {@code content} is null.
 */
public final class SendMessageRequest {
    private SendMessageRequest() {}

    /** The command the body asks for, or a {@code validation_failed} outcome naming what is wrong. */
    public static Outcome<SendMessage.Command> parse(JsonNode body, UserId senderId, Optional<String> origin) {
        try {
            JsonFields fields = JsonFields.of(body);
            var recipient = fields.optionalUserId("recipientId");
            var conversation = fields.optionalConversationId("conversationId");
            if (recipient.isPresent() == conversation.isPresent()) {
                return Outcome.invalid("give exactly one of recipientId and conversationId");
            }
            SendMessage.Target target = recipient
                    .<SendMessage.Target>map(SendMessage.Target.ToUser::new)
                    .orElseGet(() -> new SendMessage.Target.ToConversation(conversation.get()));
            String typeName = fields.optionalText("type").orElse("text");
            var type = MessageType.fromWire(typeName);
            if (type.isEmpty()) {
                return Outcome.invalid("type must be text, image, file, voice or encrypted");
            }
            List<Attachment> attachments = fields.objects("attachments").stream()
                    .map(item -> new Attachment(
                            JsonFields.id("attachments.id", item.text("id"), AttachmentId::of),
                            "application/octet-stream",
                            0,
                            item.optionalText("name")))
                    .toList();
            return Outcome.ok(new SendMessage.Command(
                    senderId,
                    target,
                    type.get(),
                    fields.optionalText("content").orElse(""),
                    attachments,
                    fields.optionalText("clientMessageId"),
                    fields.optionalMessageId("replyToId"),
                    origin,
                    voice(fields),
                    Optional.empty(),
                    envelopes(fields)));
        } catch (JsonFields.BadField e) {
            return Outcome.invalid(e.getMessage());
        }
    }

    /** The optional {@code envelopes:{<deviceId>:{type, body}}}; their limits are the send use case's to check. */
    private static Map<String, Envelope> envelopes(JsonFields fields) {
        var envelopes = new HashMap<String, Envelope>();
        fields.optionalObject("envelopes")
                .ifPresent(all -> all.node().fields().forEachRemaining(entry -> {
                    if (!entry.getValue().isObject()) {
                        throw new JsonFields.BadField(
                                "envelopes." + entry.getKey() + " must be an object {type, body}");
                    }
                    JsonFields envelope = JsonFields.of(entry.getValue());
                    String type = envelope.text("type");
                    var kind = Envelope.Kind.fromWire(type)
                            .orElseThrow(() -> new JsonFields.BadField("an envelope's type must be prekey or message"));
                    envelopes.put(entry.getKey(), new Envelope(kind, envelope.text("body")));
                }));
        return envelopes;
    }

    /** The optional {@code voice:{durationMs, waveform?}}; its limits are the send use case's to check. */
    private static Optional<VoiceNote> voice(JsonFields fields) {
        return fields.optionalObject("voice")
                .map(voice -> new VoiceNote(
                        voice.integer("voice.durationMs", "durationMs"), voice.numbers("voice.waveform", "waveform")));
    }
}
