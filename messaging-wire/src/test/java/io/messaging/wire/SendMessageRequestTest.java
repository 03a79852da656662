package io.messaging.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.messaging.core.model.ConversationId;
import io.messaging.core.model.Envelope;
import io.messaging.core.model.ErrorCode;
import io.messaging.core.model.MessageType;
import io.messaging.core.model.Outcome;
import io.messaging.core.model.UserId;
import io.messaging.core.model.VoiceNote;
import io.messaging.core.port.in.SendMessage;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SendMessageRequestTest {
    private static final UserId SENDER = UserId.of("sender");

    private static Outcome<SendMessage.Command> parse(String json) throws Exception {
        return SendMessageRequest.parse(WireJson.MAPPER.readTree(json), SENDER, Optional.of("socket-1"));
    }

    @Test
    void readsEveryField() throws Exception {
        var command = parse("{\"conversationId\":\"c1\",\"content\":\"hi\",\"type\":\"file\","
                        + "\"attachments\":[{\"id\":\"a1\",\"name\":\"doc.pdf\"}],\"clientMessageId\":\"k\","
                        + "\"replyToId\":\"m0\"}")
                .orElseThrow();
        assertEquals(new SendMessage.Target.ToConversation(ConversationId.of("c1")), command.target());
        assertEquals(MessageType.FILE, command.type());
        assertEquals("a1", command.attachments().get(0).id().value());
        assertEquals(Optional.of("doc.pdf"), command.attachments().get(0).name());
        assertEquals(Optional.of("k"), command.clientMessageId());
        assertEquals(Optional.of("socket-1"), command.originConnectionId());
        assertEquals(
                MessageType.TEXT,
                parse("{\"recipientId\":\"u2\",\"content\":\"x\"}")
                        .orElseThrow()
                        .type());
    }

    @Test
    void readsAVoiceNote() throws Exception {
        var command = parse("{\"recipientId\":\"u2\",\"type\":\"voice\",\"attachments\":[{\"id\":\"a1\"}],"
                        + "\"voice\":{\"durationMs\":7000,\"waveform\":[0,0.5,1]}}")
                .orElseThrow();
        assertEquals(MessageType.VOICE, command.type());
        assertEquals(Optional.of(new VoiceNote(7000, List.of(0.0, 0.5, 1.0))), command.voice());
        assertEquals(
                Optional.of(new VoiceNote(5, List.of())),
                parse("{\"recipientId\":\"u2\",\"type\":\"voice\",\"voice\":{\"durationMs\":5}}")
                        .orElseThrow()
                        .voice());
        assertEquals(
                Optional.empty(),
                parse("{\"recipientId\":\"u2\",\"content\":\"x\"}")
                        .orElseThrow()
                        .voice());
    }

    @Test
    void readsTheEnvelopesOfAnEncryptedMessage() throws Exception {
        var command = parse(
                        "{\"conversationId\":\"c1\",\"type\":\"encrypted\",\"content\":null,\"envelopes\":"
                                + "{\"d1\":{\"type\":\"prekey\",\"body\":\"AAEC\"},\"d2\":{\"type\":\"message\",\"body\":\"Aw\"}}}")
                .orElseThrow();
        assertEquals(MessageType.ENCRYPTED, command.type());
        assertEquals("", command.content());
        assertEquals(
                Map.of(
                        "d1", new Envelope(Envelope.Kind.PREKEY, "AAEC"),
                        "d2", new Envelope(Envelope.Kind.MESSAGE, "Aw")),
                command.envelopes());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "[]",
                "\"text\"",
                "{}",
                "{\"recipientId\":\"u2\",\"conversationId\":\"c1\",\"content\":\"x\"}",
                "{\"recipientId\":5,\"content\":\"x\"}",
                "{\"recipientId\":\"bad id\",\"content\":\"x\"}",
                "{\"recipientId\":\"u2\",\"content\":[\"x\"]}",
                "{\"recipientId\":\"u2\",\"content\":\"x\",\"type\":\"video\"}",
                "{\"recipientId\":\"u2\",\"attachments\":{\"id\":\"a\"}}",
                "{\"recipientId\":\"u2\",\"attachments\":[1]}",
                "{\"recipientId\":\"u2\",\"attachments\":[{\"name\":\"no id\"}]}",
                "{\"recipientId\":\"u2\",\"content\":\"x\",\"clientMessageId\":7}",
                "{\"recipientId\":\"u2\",\"type\":\"voice\",\"voice\":7}",
                "{\"recipientId\":\"u2\",\"type\":\"voice\",\"voice\":{}}",
                "{\"recipientId\":\"u2\",\"type\":\"voice\",\"voice\":{\"durationMs\":\"7\"}}",
                "{\"recipientId\":\"u2\",\"type\":\"voice\",\"voice\":{\"durationMs\":7.5}}",
                "{\"recipientId\":\"u2\",\"type\":\"voice\",\"voice\":{\"durationMs\":1e30}}",
                "{\"recipientId\":\"u2\",\"type\":\"voice\",\"voice\":{\"durationMs\":7,\"waveform\":{}}}",
                "{\"recipientId\":\"u2\",\"type\":\"voice\",\"voice\":{\"durationMs\":7,\"waveform\":[\"a\"]}}",
                "{\"recipientId\":\"u2\",\"type\":\"voice\",\"voice\":{\"durationMs\":7,\"waveform\":[null]}}",
                "{\"recipientId\":\"u2\",\"type\":\"encrypted\",\"envelopes\":[]}",
                "{\"recipientId\":\"u2\",\"type\":\"encrypted\",\"envelopes\":{\"d1\":\"x\"}}",
                "{\"recipientId\":\"u2\",\"type\":\"encrypted\",\"envelopes\":{\"d1\":{\"body\":\"eA\"}}}",
                "{\"recipientId\":\"u2\",\"type\":\"encrypted\",\"envelopes\":{\"d1\":{\"type\":\"text\",\"body\":\"eA\"}}}",
                "{\"recipientId\":\"u2\",\"type\":\"encrypted\",\"envelopes\":{\"d1\":{\"type\":\"prekey\",\"body\":5}}}"
            })
    void refusesMalformedBodiesAsValidationFailures(String json) throws Exception {
        var outcome = parse(json);
        assertEquals(ErrorCode.VALIDATION_FAILED, ((Outcome.Failure<SendMessage.Command>) outcome).code(), json);
    }
}
