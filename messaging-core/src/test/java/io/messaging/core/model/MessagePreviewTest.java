package io.messaging.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MessagePreviewTest {
    private static final Instant AT = Instant.parse("2026-11-24T09:00:00Z");

    private static Message message(
            MessageType type, String content, List<Attachment> attachments, Optional<VoiceNote> voice) {
        return new NewMessage(
                        MessageId.of("m1"),
                        ConversationId.of("c1"),
                        UserId.of("alice"),
                        Optional.empty(),
                        type,
                        content,
                        attachments,
                        Optional.empty(),
                        Optional.empty(),
                        AT,
                        voice)
                .toMessage(1);
    }

    private static Optional<VoiceNote> voice(long durationMs) {
        return Optional.of(new VoiceNote(durationMs, List.of()));
    }

    @Test
    void aVoiceMessageShowsItsDurationRoundedToTheSecond() {
        assertEquals("Voice message (0:07)", MessagePreview.of(message(MessageType.VOICE, "", List.of(), voice(7400))));
        assertEquals("Voice message (0:08)", MessagePreview.of(message(MessageType.VOICE, "", List.of(), voice(7500))));
        assertEquals("Voice message (0:01)", MessagePreview.of(message(MessageType.VOICE, "", List.of(), voice(1))));
        assertEquals(
                "Voice message (15:00)", MessagePreview.of(message(MessageType.VOICE, "", List.of(), voice(900_000))));
    }

    @Test
    void textIsShownOnOneLineAndCutWithAnEllipsis() {
        assertEquals(
                "hello there",
                MessagePreview.of(message(MessageType.TEXT, "  hello\n\tthere ", List.of(), Optional.empty())));
        String cut = MessagePreview.of(message(MessageType.TEXT, "x".repeat(500), List.of(), Optional.empty()));
        assertEquals(MessagePreview.MAX_LENGTH, cut.length());
        assertEquals("x".repeat(99) + "\u2026", cut);
    }

    @Test
    void imagesFilesAndDeletedMessagesSayWhatTheyAre() {
        var file = List.of(new Attachment(AttachmentId.of("a1"), "application/pdf", 10, Optional.of("report.pdf")));
        assertEquals("Photo", MessagePreview.of(message(MessageType.IMAGE, "", List.of(), Optional.empty())));
        assertEquals("Photo: look", MessagePreview.of(message(MessageType.IMAGE, "look", List.of(), Optional.empty())));
        assertEquals("File: report.pdf", MessagePreview.of(message(MessageType.FILE, "", file, Optional.empty())));
        assertEquals(
                "Message deleted",
                MessagePreview.of(
                        message(MessageType.VOICE, "", List.of(), voice(7000)).softDeleted(AT)));
    }
}
