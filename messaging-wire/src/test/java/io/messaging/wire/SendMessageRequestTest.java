package io.messaging.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.messaging.core.model.ErrorCode;
import io.messaging.core.model.MessageType;
import io.messaging.core.model.Outcome;
import io.messaging.core.model.UserId;
import io.messaging.core.port.in.SendMessage;
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
                + "\"replyToId\":\"m0\"}").orElseThrow();
        assertEquals(new SendMessage.Target.ToConversation(io.messaging.core.model.ConversationId.of("c1")),
                command.target());
        assertEquals(MessageType.FILE, command.type());
        assertEquals("a1", command.attachments().get(0).id().value());
        assertEquals(Optional.of("doc.pdf"), command.attachments().get(0).name());
        assertEquals(Optional.of("k"), command.clientMessageId());
        assertEquals(Optional.of("socket-1"), command.originConnectionId());
        assertEquals(MessageType.TEXT, parse("{\"recipientId\":\"u2\",\"content\":\"x\"}").orElseThrow().type());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "[]", "\"text\"", "{}", "{\"recipientId\":\"u2\",\"conversationId\":\"c1\",\"content\":\"x\"}",
            "{\"recipientId\":5,\"content\":\"x\"}", "{\"recipientId\":\"bad id\",\"content\":\"x\"}",
            "{\"recipientId\":\"u2\",\"content\":[\"x\"]}", "{\"recipientId\":\"u2\",\"content\":\"x\",\"type\":\"video\"}",
            "{\"recipientId\":\"u2\",\"attachments\":{\"id\":\"a\"}}", "{\"recipientId\":\"u2\",\"attachments\":[1]}",
            "{\"recipientId\":\"u2\",\"attachments\":[{\"name\":\"no id\"}]}",
            "{\"recipientId\":\"u2\",\"content\":\"x\",\"clientMessageId\":7}"})
    void refusesMalformedBodiesAsValidationFailures(String json) throws Exception {
        var outcome = parse(json);
        assertEquals(ErrorCode.VALIDATION_FAILED, ((Outcome.Failure<SendMessage.Command>) outcome).code(), json);
    }
}
