package io.messaging.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.messaging.core.contract.SampleEvents;
import io.messaging.core.model.Attachment;
import io.messaging.core.model.AttachmentId;
import io.messaging.core.model.ConversationId;
import io.messaging.core.model.DeviceId;
import io.messaging.core.model.ErrorCode;
import io.messaging.core.model.MessageId;
import io.messaging.core.model.MessageType;
import io.messaging.core.model.NewMessage;
import io.messaging.core.model.ReadReceipt;
import io.messaging.core.model.ScheduledMessage;
import io.messaging.core.model.ScheduledMessageId;
import io.messaging.core.model.ScheduledStatus;
import io.messaging.core.model.User;
import io.messaging.core.model.UserId;
import io.messaging.core.model.VoiceNote;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WireJsonTest {
    private static final Instant AT = Instant.parse("2026-11-24T09:00:00Z");

    @Test
    void writesTimestampsInUtcWithMilliseconds() {
        assertEquals("2026-11-24T09:00:00.000Z", WireJson.timestamp(AT));
        assertEquals("2026-11-24T09:00:00.120Z", WireJson.timestamp(AT.plusMillis(120)));
    }

    @Test
    void writesEveryTimestampAsTheIsoFormatterWould() {
        var formatter =
                DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
        var random = new Random(7);
        var instants = new ArrayList<Instant>(List.of(
                Instant.EPOCH,
                Instant.EPOCH.minusNanos(1),
                Instant.parse("0001-01-01T00:00:00Z"),
                Instant.parse("0001-01-01T00:00:00Z").minusMillis(1),
                Instant.parse("9999-12-31T23:59:59.999999999Z"),
                Instant.parse("9999-12-31T23:59:59.999Z").plusSeconds(1),
                Instant.parse("2024-02-29T23:59:59.9995Z"),
                Instant.parse("-0001-12-31T23:59:59Z"),
                Instant.parse("+12026-03-01T00:00:00.5Z")));
        for (int i = 0; i < 10_000; i++) {
            instants.add(Instant.ofEpochSecond(
                    random.nextLong(-62_000_000_000L, 253_402_300_800L), random.nextInt(1_000_000_000)));
        }
        for (Instant instant : instants) {
            assertEquals(formatter.format(instant), WireJson.timestamp(instant), instant.toString());
        }
    }

    @Test
    void showsTheEmailOnlyToTheUserThemselves() {
        var user = new User(UserId.of("u1"), "ann", "ann@example.com", "Ann", true, AT, Optional.empty());
        assertEquals("ann@example.com", WireJson.user(user, true).get("email").asText());
        assertFalse(WireJson.user(user, false).has("email"));
        assertTrue(WireJson.user(user, false).get("lastSeenAt").isNull());
    }

    @Test
    void writesEveryFieldOfAMessageWithNullsForWhatIsAbsent() {
        var message = new NewMessage(
                        MessageId.of("m1"),
                        ConversationId.of("c1"),
                        UserId.of("u1"),
                        Optional.of(UserId.of("u2")),
                        MessageType.IMAGE,
                        "look",
                        List.of(new Attachment(AttachmentId.of("a1"), "image/png", 42, Optional.of("cat.png"))),
                        Optional.of("client-1"),
                        Optional.empty(),
                        AT)
                .toMessage(7)
                .withReadBy(List.of(new ReadReceipt(UserId.of("u2"), AT.plusSeconds(1))))
                .withReaction("👍", UserId.of("u2"), true);
        var json = WireJson.message(message);
        assertEquals(
                List.of(
                        "id",
                        "conversationId",
                        "seq",
                        "senderId",
                        "recipientId",
                        "type",
                        "content",
                        "attachments",
                        "clientMessageId",
                        "replyToId",
                        "createdAt",
                        "editedAt",
                        "deleted",
                        "deletedAt",
                        "readBy",
                        "reactions",
                        "voice",
                        "scheduledMessageId",
                        "envelope"),
                iterable(json.fieldNames()));
        assertTrue(json.get("envelope").isNull());
        assertTrue(json.get("voice").isNull());
        assertTrue(json.get("scheduledMessageId").isNull());
        assertEquals(7, json.get("seq").asLong());
        assertEquals("image", json.get("type").asText());
        assertEquals(
                "/api/attachments/a1", json.get("attachments").get(0).get("url").asText());
        assertEquals("cat.png", json.get("attachments").get(0).get("name").asText());
        assertTrue(json.get("replyToId").isNull());
        assertTrue(json.get("editedAt").isNull());
        assertEquals(
                "2026-11-24T09:00:01.000Z",
                json.get("readBy").get(0).get("readAt").asText());
        assertEquals("u2", json.get("reactions").get("👍").get(0).asText());

        var deleted = WireJson.message(message.softDeleted(AT.plusSeconds(5)));
        assertTrue(deleted.get("deleted").asBoolean());
        assertTrue(deleted.get("content").isNull());
        assertEquals(0, deleted.get("attachments").size());
    }

    @Test
    void writesTheVoiceNoteOfAVoiceMessage() {
        var message = new NewMessage(
                        MessageId.of("m1"),
                        ConversationId.of("c1"),
                        UserId.of("u1"),
                        Optional.empty(),
                        MessageType.VOICE,
                        "",
                        List.of(new Attachment(AttachmentId.of("a1"), "audio/webm", 42, Optional.empty())),
                        Optional.empty(),
                        Optional.empty(),
                        AT,
                        Optional.of(new VoiceNote(7000, List.of(0.0, 0.5, 1.0))))
                .toMessage(1);
        var json = WireJson.message(message);
        assertEquals("voice", json.get("type").asText());
        assertEquals("{\"durationMs\":7000,\"waveform\":[0.0,0.5,1.0]}", WireJson.write(json.get("voice")));
    }

    @Test
    void namesTheScheduledMessageAMessageWasSentFrom() {
        var message = new NewMessage(
                        MessageId.of("m1"),
                        ConversationId.of("c1"),
                        UserId.of("u1"),
                        Optional.empty(),
                        MessageType.TEXT,
                        "later",
                        List.of(),
                        Optional.of("scheduled:s1"),
                        Optional.empty(),
                        AT,
                        Optional.empty(),
                        Optional.of(ScheduledMessageId.of("s1")),
                        Map.of())
                .toMessage(1);
        assertEquals("s1", WireJson.message(message).get("scheduledMessageId").asText());
    }

    @Test
    void writesEveryFieldOfAScheduledMessage() {
        var scheduled = new ScheduledMessage(
                ScheduledMessageId.of("s1"),
                UserId.of("u1"),
                Optional.empty(),
                Optional.of(UserId.of("u2")),
                MessageType.TEXT,
                "at nine",
                List.of(),
                Optional.empty(),
                Optional.empty(),
                AT.plusSeconds(3600),
                ScheduledStatus.SCHEDULED,
                Optional.empty(),
                Optional.empty(),
                AT);
        var json = WireJson.scheduledMessage(scheduled);
        assertEquals(
                List.of(
                        "id",
                        "conversationId",
                        "recipientId",
                        "type",
                        "content",
                        "attachments",
                        "clientMessageId",
                        "replyToId",
                        "sendAt",
                        "status",
                        "messageId",
                        "failure",
                        "createdAt"),
                iterable(json.fieldNames()));
        assertEquals("2026-11-24T10:00:00.000Z", json.get("sendAt").asText());
        assertEquals("scheduled", json.get("status").asText());
        assertTrue(json.get("conversationId").isNull());

        var failed = WireJson.scheduledMessage(scheduled.failed("not_participant"));
        assertEquals("failed", failed.get("status").asText());
        assertEquals("not_participant", failed.get("failure").asText());
        assertEquals(
                "m9",
                WireJson.scheduledMessage(scheduled.sent(MessageId.of("m9")))
                        .get("messageId")
                        .asText());
    }

    @Test
    void errorAcksCarryTheStableCode() {
        var ack = WireJson.errorAck(ErrorCode.NOT_FOUND, "conversation not found");
        assertFalse(ack.get("ok").asBoolean());
        assertEquals("not_found", ack.get("error").get("code").asText());
    }

    private static List<String> iterable(Iterator<String> names) {
        var list = new ArrayList<String>();
        names.forEachRemaining(list::add);
        return list;
    }

    @Test
    void anEncryptedMessageShowsEachDeviceItsOwnEnvelopeAlone() {
        var message = SampleEvents.encryptedMessage(1);
        var forBobsPhone = WireJson.write(WireJson.message(message, Optional.of(DeviceId.of("bob-phone"))));
        assertTrue(forBobsPhone.contains("\"envelope\":{\"type\":\"prekey\",\"body\":\"cHJla2V5\"}"), forBobsPhone);
        assertFalse(forBobsPhone.contains("bWVzc2FnZQ") || forBobsPhone.contains("envelopes"), forBobsPhone);
        assertTrue(WireJson.message(message, Optional.of(DeviceId.of("d9")))
                .get("envelope")
                .isNull());
        var noDevice = WireJson.write(WireJson.message(message));
        assertFalse(noDevice.contains("cHJla2V5") || noDevice.contains("bWVzc2FnZQ"), noDevice);
        assertTrue(WireJson.message(message).get("content").isNull());
    }
}
