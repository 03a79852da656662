package io.messaging.core.contract;

import io.messaging.core.model.Attachment;
import io.messaging.core.model.AttachmentId;
import io.messaging.core.model.Conversation;
import io.messaging.core.model.ConversationId;
import io.messaging.core.model.ConversationType;
import io.messaging.core.model.DeviceId;
import io.messaging.core.model.DomainEvent;
import io.messaging.core.model.Envelope;
import io.messaging.core.model.Message;
import io.messaging.core.model.MessageId;
import io.messaging.core.model.MessageType;
import io.messaging.core.model.NewMessage;
import io.messaging.core.model.ReadReceipt;
import io.messaging.core.model.ScheduledMessage;
import io.messaging.core.model.ScheduledMessageId;
import io.messaging.core.model.ScheduledStatus;
import io.messaging.core.model.UserId;
import io.messaging.core.model.VoiceNote;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** One event of every kind, with every optional field filled somewhere, for the event bus contract. */
public final class SampleEvents {
    private static final Instant AT = Instant.parse("2026-03-01T10:15:30.123Z");
    private static final UserId ALICE = UserId.of("alice");
    private static final UserId BOB = UserId.of("bob");
    private static final ConversationId CONVERSATION = ConversationId.of("c1");

    private SampleEvents() {}

    /** A message with attachments, receipts, reactions and a voice note, edited after it was sent. */
    public static Message message(long seq) {
        String content = "héllo \"quoted\" ✓";
        return new NewMessage(
                        MessageId.of("m" + seq),
                        CONVERSATION,
                        ALICE,
                        Optional.of(BOB),
                        MessageType.VOICE,
                        content,
                        List.of(new Attachment(AttachmentId.of("a1"), "audio/webm", 1234, Optional.of("note.webm"))),
                        Optional.of("client-" + seq),
                        Optional.of(MessageId.of("m0")),
                        AT,
                        Optional.of(new VoiceNote(7000, List.of(0.0, 0.5, 1.0))),
                        Optional.of(ScheduledMessageId.of("s1")),
                        Map.of())
                .toMessage(seq)
                .edited(content, AT.plusSeconds(5))
                .withReadBy(List.of(new ReadReceipt(BOB, AT.plusSeconds(1))))
                .withReaction("👍", BOB, true);
    }

    /** An encrypted message: no content, an envelope per device; {@code seq} follows the messages before it. */
    public static Message encryptedMessage(long seq) {
        return new NewMessage(
                        MessageId.of("m" + seq),
                        CONVERSATION,
                        ALICE,
                        Optional.empty(),
                        MessageType.ENCRYPTED,
                        "",
                        List.of(),
                        Optional.of("client-" + seq),
                        Optional.empty(),
                        AT,
                        Optional.empty(),
                        Optional.empty(),
                        Map.of(
                                "bob-phone", new Envelope(Envelope.Kind.PREKEY, "cHJla2V5"),
                                "alice-laptop", new Envelope(Envelope.Kind.MESSAGE, "bWVzc2FnZQ")))
                .toMessage(seq)
                .withReaction("🔒", BOB, true);
    }

    /** Every kind of {@link DomainEvent}. */
    public static List<DomainEvent> everyKind() {
        var group = new Conversation(
                ConversationId.of("g1"),
                ConversationType.GROUP,
                Optional.of("Team"),
                List.of(ALICE, BOB),
                ALICE,
                AT,
                Optional.of(AT),
                true);
        var scheduled = new ScheduledMessage(
                ScheduledMessageId.of("s1"),
                ALICE,
                Optional.empty(),
                Optional.of(BOB),
                MessageType.TEXT,
                "later",
                List.of(),
                Optional.of("k1"),
                Optional.empty(),
                AT.plusSeconds(60),
                ScheduledStatus.FAILED,
                Optional.empty(),
                Optional.of("not_found"),
                AT);
        return List.of(
                new DomainEvent.MessageCreated(message(1), List.of(ALICE, BOB), Optional.of("socket-1")),
                new DomainEvent.MessageCreated(message(2), List.of(ALICE, BOB), Optional.empty()),
                new DomainEvent.MessageUpdated(message(3), List.of(ALICE, BOB)),
                new DomainEvent.MessageDeleted(CONVERSATION, MessageId.of("m4"), List.of(ALICE, BOB)),
                new DomainEvent.MessagesRead(
                        CONVERSATION,
                        BOB,
                        List.of(MessageId.of("m1")),
                        Optional.of(MessageId.of("m2")),
                        AT,
                        List.of(ALICE, BOB)),
                new DomainEvent.TypingChanged(CONVERSATION, ALICE, true, List.of(ALICE, BOB)),
                new DomainEvent.PresenceChanged(ALICE, false, Optional.of(AT), Set.of(BOB)),
                new DomainEvent.PresenceChanged(BOB, true, Optional.empty(), Set.of()),
                new DomainEvent.ConversationChanged(group, List.of(UserId.of("carol"))),
                new DomainEvent.ScheduledMessageChanged(scheduled),
                new DomainEvent.TokensRevoked(BOB),
                new DomainEvent.MessageCreated(encryptedMessage(3), List.of(ALICE, BOB), Optional.empty()),
                new DomainEvent.DeviceChanged(BOB, DeviceId.of("bob-phone"), true, Set.of(ALICE, BOB)),
                new DomainEvent.DeviceChanged(BOB, DeviceId.of("bob-tablet"), false, Set.of(ALICE)));
    }
}
